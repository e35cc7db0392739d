//! Editing a plan file a person wrote keeps everything the edit did not touch, byte for
//! byte: comments, key order, layout, escapes, Vietnamese text.

use nangsuat::plan::Plan;
use nangsuat::plan::document::PlanDocument;

/// A plan written by hand: comments everywhere, keys in a person's order (not the model's),
/// a dotted key, blank lines, a `\u00A0` escape and a raw no-break space, a float written
/// `1.00` and an integer budget.
const WRITTEN: &str = "\u{feff}# Kế hoạch năng suất — bản nháp của Sở KH&CN Thanh Hóa
# (sửa lần 2, 01/04/2021)

title_vi = \"Kế hoạch nâng cao năng suất giai đoạn 2021 – 2030\"
id = \"th-draft-2021\"   # mã kế hoạch
schema_version = 1
level = \"provincial\"
status = \"commitment\"
issuing_body = \"Sở Khoa học và Công nghệ tỉnh Thanh Hóa\"
territory = \"thanh_hoa\"
period = { start = 2021, end = 2030 }

# Mục tiêu
[[goals]]
indicator = \"d36_plan_completed\"
id = \"plan-2025\"
target = { comparator = \"equal\", value = 1.00 } # hoàn thành
unit = \"milestone\"
horizon.end = 2025
scope = { level = \"province\", name = \"thanh_hoa\" }
source_text = \"hoàn thành việc xây dựng kế hoạch\\u00A0theo tinh thần của Quyết định 36\"
note = \"Ghi chú cũ\"  # sẽ sửa

[[tasks]]
id = \"t1\"
text = \"Xây dựng kế hoạch năng suất\u{a0}của tỉnh\"
goals = [\"plan-2025\"]
budget = { amount = 9007199254740993, currency = \"VND\" }
";

#[test]
fn an_edit_changes_only_the_edited_value() {
    let mut doc = PlanDocument::from_toml(WRITTEN).unwrap();
    doc.edit(|plan| {
        plan.goals[0].note = Some("Ghi chú mới của Sở".into());
    })
    .unwrap();
    let expected = WRITTEN.replace("note = \"Ghi chú cũ\"", "note = \"Ghi chú mới của Sở\"");
    assert_eq!(doc.to_toml(), expected);
    assert_eq!(Plan::from_toml(&doc.to_toml()).unwrap(), *doc.plan());
}

#[test]
fn a_plan_set_unchanged_leaves_the_text_as_written() {
    let mut doc = PlanDocument::from_toml(WRITTEN).unwrap();
    let plan = doc.plan().clone();
    doc.set_plan(plan).unwrap();
    assert_eq!(doc.to_toml(), WRITTEN);
}

#[test]
fn new_text_spells_a_no_break_space_visibly() {
    let mut doc = PlanDocument::from_toml(WRITTEN).unwrap();
    doc.edit(|plan| plan.goals[0].note = Some("năng suất\u{a0}lao động".into()))
        .unwrap();
    let saved = doc.to_toml();
    assert!(
        saved.contains("note = \"năng suất\\u00A0lao động\"  # sẽ sửa\n"),
        "{saved}"
    );
    // Untouched text keeps its own spelling: the escape and the raw character both stay.
    assert!(saved.contains("kế hoạch\\u00A0theo"));
    assert!(saved.contains("năng suất\u{a0}của tỉnh"));
    let back = Plan::from_toml(&saved).unwrap();
    assert_eq!(
        back.goals[0].note.as_deref(),
        Some("năng suất\u{a0}lao động")
    );
    // The model's own writer spells it visibly too.
    let whole = doc.plan().to_toml().unwrap();
    assert!(!whole.contains('\u{a0}'), "{whole}");
    assert_eq!(Plan::from_toml(&whole).unwrap(), *doc.plan());
}

#[test]
fn added_and_removed_entries_leave_the_rest_in_place() {
    let mut doc = PlanDocument::from_toml(WRITTEN).unwrap();
    doc.edit(|plan| {
        let mut task = plan.tasks[0].clone();
        task.id = "t2".into();
        task.text = "Đào tạo chuyên gia năng suất".into();
        task.budget = None;
        plan.tasks.push(task);
        plan.goals[0].horizon = None;
    })
    .unwrap();
    let saved = doc.to_toml();
    let back = Plan::from_toml(&saved).unwrap();
    assert_eq!(back, *doc.plan());
    assert!(!saved.contains("horizon"));
    // Everything before the edits, and the first task, as written.
    let head = &WRITTEN[..WRITTEN.find("horizon").unwrap()];
    assert!(saved.starts_with(head), "{saved}");
    assert!(saved.contains("budget = { amount = 9007199254740993, currency = \"VND\" }\n"));
    assert!(saved.contains("id = \"t2\""));
}

#[test]
fn saving_writes_the_document() {
    let dir = std::env::temp_dir().join(format!("nangsuat-plan-doc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.toml");
    std::fs::write(&path, WRITTEN).unwrap();
    let mut doc = PlanDocument::load(&path).unwrap();
    doc.edit(|plan| plan.title_en = Some("Thanh Hóa draft".into()))
        .unwrap();
    doc.save(&path).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.starts_with("\u{feff}# Kế hoạch năng suất"));
    assert_eq!(Plan::load(&path).unwrap(), *doc.plan());
    assert!(PlanDocument::load(dir.join("plan.json")).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A file whose last line has no line break keeps it that way, unedited and edited (the C
/// fuzz target found the writer adding one).
#[test]
fn a_missing_final_line_break_stays_missing() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/plans/th-d36-commitment-2021.toml"
    ))
    .unwrap();
    let trimmed = text.trim_end_matches('\n');
    let mut doc = PlanDocument::from_toml(trimmed).unwrap();
    assert_eq!(doc.to_toml(), trimmed);
    doc.edit(|plan| plan.parent = Some("vn-d36-2021-revised".into()))
        .unwrap();
    let edited = doc.to_toml();
    assert!(!edited.ends_with('\n'));
    assert_eq!(
        edited,
        trimmed.replace(
            "parent = \"vn-d36-2021\"",
            "parent = \"vn-d36-2021-revised\""
        )
    );
    // A file that ends with a line break keeps it.
    assert_eq!(PlanDocument::from_toml(&text).unwrap().to_toml(), text);
}

/// A plan saved on Windows (every line ending in CRLF), or one mixing CRLF and LF lines (the
/// C fuzz target found a single CRLF line rewritten as LF by an unedited document): unedited,
/// the text byte for byte; edited, every line the edit kept ends as it did and new lines end
/// as most of the file's lines do.
#[test]
fn line_endings_are_kept_line_by_line() {
    let windows = WRITTEN.replace('\n', "\r\n");
    let mut doc = PlanDocument::from_toml(&windows).unwrap();
    assert_eq!(doc.to_toml(), windows);
    doc.edit(|plan| plan.goals[0].note = Some("Ghi chú mới".into()))
        .unwrap();
    assert_eq!(
        doc.to_toml(),
        windows.replace("note = \"Ghi chú cũ\"", "note = \"Ghi chú mới\"")
    );
    // A new task: its lines end in CRLF like the rest.
    doc.edit(|plan| {
        let mut task = plan.tasks[0].clone();
        task.id = "t2".into();
        task.budget = None;
        plan.tasks.push(task);
    })
    .unwrap();
    let saved = doc.to_toml();
    assert!(saved.contains("id = \"t2\"\r\n"), "{saved:?}");
    assert!(!saved.replace("\r\n", "").contains('\n'), "{saved:?}");
    assert_eq!(Plan::from_toml(&saved).unwrap(), *doc.plan());

    // One CRLF line among LF lines (a line pasted from another file).
    let at = WRITTEN.find("level = ").unwrap();
    let eol = at + WRITTEN[at..].find('\n').unwrap();
    let mixed = format!("{}\r{}", &WRITTEN[..eol], &WRITTEN[eol..]);
    let mut doc = PlanDocument::from_toml(&mixed).unwrap();
    assert_eq!(doc.to_toml(), mixed);
    doc.edit(|plan| plan.goals[0].note = Some("Ghi chú mới".into()))
        .unwrap();
    assert_eq!(
        doc.to_toml(),
        mixed.replace("note = \"Ghi chú cũ\"", "note = \"Ghi chú mới\"")
    );
}
