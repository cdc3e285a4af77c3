//! Sanity check of the bench binary (no criterion): it runs, and prints the table with the
//! columns the performance notes quote.

use std::process::Command;

const HEADER: &str = "| customers | journal | generate | insert | per customer | RSS growth | RSS / customer | peak RSS |";

fn run(args: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_bulk_insert"))
        .args(args)
        .output()
        .expect("the bench binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn prints_the_table() {
    for (args, journal) in [
        (&["5000"][..], "memory"),
        (&["5000", "--no-journal"][..], "none"),
    ] {
        let lines = run(args);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[0], HEADER);
        let cells: Vec<&str> = lines[2]
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        assert_eq!(cells.len(), 8, "{cells:?}");
        assert_eq!(cells[0], "5000");
        assert_eq!(cells[1], journal);
        assert!(
            cells[3].ends_with(" s") && cells[4].ends_with(" µs"),
            "{cells:?}"
        );
        let per_customer: u64 = cells[6].trim_end_matches(" B").parse().expect("bytes");
        assert!(
            per_customer > 0,
            "the memory probe reported nothing: {cells:?}"
        );
    }
}
