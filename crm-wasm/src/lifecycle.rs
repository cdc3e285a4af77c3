//! Lifecycle stages: moving customers between stages and asking about the funnel.

use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::convert;
use crate::crm::Crm;
use crate::customer;
use crate::error::{IntoJs, JsResult};
use crate::id;

#[wasm_bindgen]
impl Crm {
    /// Moves a customer to another stage. Moving back along the path, or out of a side
    /// stage, needs a `reason`; otherwise this throws a `ValidationError` with code
    /// `invalid_transition`.
    #[wasm_bindgen(js_name = changeStage, unchecked_return_type = "Customer")]
    pub fn change_stage(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Stage")] stage: JsValue,
        options: Option<crate::ChangeStageOptionsArg>,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        let stage = convert::string(&stage, "stage").js()?;
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        convert::options(&options, "options", &["reason", "actor"]).js()?;
        let reason = convert::opt_string(&convert::prop(&options, "reason"), "reason").js()?;
        let actor = convert::opt_string(&convert::prop(&options, "actor"), "actor").js()?;
        self.inner
            .change_stage(id, &stage, reason.as_deref(), actor.as_deref())
            .map(customer::to_js)
            .js()
    }

    /// Customers now in `stage` (throws a `ValidationError` for a stage the model does not
    /// know).
    #[wasm_bindgen(js_name = customersInStage, unchecked_return_type = "Customer[]")]
    pub fn customers_in_stage(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Stage")] stage: JsValue,
    ) -> JsResult<JsValue> {
        let stage = convert::string(&stage, "stage").js()?;
        self.inner
            .customers_in_stage(&stage)
            .map(customer::list_to_js)
            .js()
    }

    /// How many customers are in each stage, in the model's order (a funnel).
    #[wasm_bindgen(js_name = stageCounts, unchecked_return_type = "StageCount[]")]
    pub fn stage_counts(&self) -> JsValue {
        let counts: Vec<_> = self
            .inner
            .stage_counts()
            .into_iter()
            .map(|(stage, count)| json!({ "stage": stage, "count": count }))
            .collect();
        convert::to_js(&serde_json::Value::Array(counts))
    }

    /// When the customer last entered `stage`, or `null` if never.
    #[wasm_bindgen(js_name = enteredStageAt, unchecked_return_type = "Date | null")]
    pub fn entered_stage_at(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Stage")] stage: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        let stage = convert::string(&stage, "stage").js()?;
        self.inner
            .entered_stage_at(id, &stage)
            .map(convert::opt_date_to_js)
            .js()
    }

    /// Total time the customer has spent in `stage`, in milliseconds, up to the clock's now.
    #[wasm_bindgen(js_name = timeInStageMs)]
    pub fn time_in_stage_ms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Stage")] stage: JsValue,
    ) -> JsResult<f64> {
        let id = id::customer(&id)?;
        let stage = convert::string(&stage, "stage").js()?;
        let d = self.inner.time_in_stage(id, &stage).js()?;
        // Milliseconds of any real span fit a f64 exactly (< 2^53).
        #[allow(clippy::cast_precision_loss)]
        Ok(d.num_milliseconds() as f64)
    }

    /// The lifecycle model: its name, the ordered path and the side stages.
    #[wasm_bindgen(getter, unchecked_return_type = "LifecycleModel")]
    pub fn lifecycle(&self) -> JsValue {
        let m = self.inner.lifecycle();
        convert::to_js(&json!({
            "name": m.name(),
            "ordered": m.ordered(),
            "side": m.side(),
        }))
    }
}
