// The package's error classes. scripts/build adds this file to both builds of the JS glue
// (pkg/node and pkg/web), exports the classes and hands them to the module when it starts
// (`__setErrorClasses`), so that every error crm-wasm throws is an instance of its class:
// `err instanceof ValidationError`, `err instanceof CrmError` and `err instanceof Error`.
// Their TypeScript declarations are in src/lib.rs.

/** Every error of crm-wasm: a stable `code`, and the `field`, `value` and `row` concerned. */
class CrmError extends Error {
  constructor(message, details = {}) {
    super(message);
    this.name = 'CrmError';
    this.code = details.code ?? 'internal';
    this.field = details.field ?? null;
    this.value = details.value ?? null;
    this.row = details.row ?? null;
  }
}

/** A subclass of `CrmError` named `name`, whose errors have the code `code` by default. */
function errorClass(name, code) {
  // The computed key names the class itself (`ValidationError.name`).
  return {
    [name]: class extends CrmError {
      constructor(message, details = {}) {
        super(message, { code, ...details });
        this.name = name;
      }
    },
  }[name];
}

const ValidationError = errorClass('ValidationError', 'invalid_value');
const NotFoundError = errorClass('NotFoundError', 'not_found');
const ConflictError = errorClass('ConflictError', 'conflict');
const DecodeError = errorClass('DecodeError', 'decode');
const JournalError = errorClass('JournalError', 'journal');
const InternalError = errorClass('InternalError', 'internal');

const ERROR_CLASSES = {
  CrmError,
  ValidationError,
  NotFoundError,
  ConflictError,
  DecodeError,
  JournalError,
  InternalError,
};
