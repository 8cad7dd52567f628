//! Issue #15 in the browser: crafted files that pass the checksum but carry damage inside are
//! refused with a located message and leave storage unchanged; legal but hostile text (formulas,
//! markup) is imported and shown as text; unknown content is listed before confirming; a file
//! cannot change a known office's role without the local user's decision.

mod common;

use common::*;
use parkdesk::domain::snapshot;
use parkdesk::domain::workspace::Kind;
use serde_json::{Value, json};

/// The demo exported by this browser, as JSON to damage.
async fn exported(b: &Browser) -> Value {
    b.open("/data").await;
    b.wait_saved().await;
    for e in std::fs::read_dir(&b.downloads)
        .expect("downloads")
        .flatten()
    {
        let _ = std::fs::remove_file(e.path());
    }
    b.click("#export-button").await;
    let text = std::fs::read_to_string(b.downloaded_file().await).expect("read");
    serde_json::from_str(&text).expect("json")
}

/// Re-signs a damaged file, so the checksum step passes and the checks inside are reached.
fn signed(mut v: Value) -> String {
    let sum = snapshot::checksum_of(&v);
    v["checksum"] = Value::String(sum);
    serde_json::to_string_pretty(&v).expect("text")
}

fn table(kind: Kind) -> String {
    kind.code().to_string()
}

async fn choose(b: &Browser, name: &str, text: &str) {
    let path = temp_file(name, text);
    b.open("/data").await;
    b.wait_css("#import-file")
        .await
        .send_keys(path.display().to_string())
        .await
        .expect("choose file");
}

/// Chooses the file and expects a refusal that names `place`, with storage unchanged.
async fn refused(b: &Browser, name: &str, text: &str, place: &str) {
    let before = b.storage("parkdesk.state").await;
    choose(b, name, text).await;
    let err = b.text("#import-error").await;
    assert!(err.contains(place), "{name}: {err}");
    assert!(err.contains("没有任何改变"), "{name}: {err}");
    assert_eq!(b.count("#import-confirm").await, 0, "{name}");
    assert_eq!(b.storage("parkdesk.state").await, before, "{name}");
}

/// Screenshots of the element `id` in Chinese and English (the switch is live, so the screen
/// under test stays as it is).
async fn shoot_both(b: &Browser, id: &str, name: &str) {
    let show = format!("document.getElementById('{id}').scrollIntoView({{block: 'center'}});");
    b.js(&show).await;
    b.screenshot(name).await;
    b.click("#lang-switch").await;
    b.wait_css(&format!("#{id}")).await;
    b.js(&show).await;
    b.screenshot(&format!("{name}-en")).await;
    b.click("#lang-switch").await;
    b.wait_css(&format!("#{id}")).await;
}

#[tokio::test]
async fn damaged_files_are_refused_where_the_damage_is_and_change_nothing() {
    let b = Browser::start(serve("")).await;
    let v = exported(&b).await;
    let parks = table(Kind::Park);
    let park_id = v["records"][&parks][0]["meta"]["id"]
        .as_str()
        .expect("park id")
        .to_string();

    // Class 1: a date beyond the supported range.
    let mut d = v.clone();
    let orders = table(Kind::RectificationOrder);
    let order = &mut d["records"][&orders][0];
    let order_id = order["meta"]["id"].as_str().expect("order id").to_string();
    order["data"]["deadline"] = json!("9999-12-31");
    refused(
        &b,
        "far-deadline.json",
        &signed(d),
        &format!("records.{orders}[id={order_id}]"),
    )
    .await;

    // Class 5: a file that says it holds one park but carries all of them.
    let mut d = v.clone();
    d["scope"] = json!({
        "root": { "kind": serde_json::to_value(Kind::Park).expect("kind"), "id": park_id },
        "label": "园区：别的园区"
    });
    refused(&b, "stray-scope.json", &signed(d), "不属于文件声明的范围").await;

    // Class 6: an empty id, an invisible name, a key repeated inside one record.
    let mut d = v.clone();
    d["records"][&parks][0]["meta"]["id"] = json!("");
    refused(&b, "empty-id.json", &signed(d), &format!("records.{parks}")).await;
    let mut d = v.clone();
    d["records"][&parks][0]["data"]["name_zh"] = json!("\u{200B}\u{200B}");
    refused(
        &b,
        "invisible-name.json",
        &signed(d),
        &format!("records.{parks}[id={park_id}].data.name_zh"),
    )
    .await;
    let text = signed(v.clone());
    let at = text.find("\"name_zh\": ").expect("a park name");
    let line = text[..at].matches('\n').count() + 2;
    let repeated = format!(
        "{}\"name_zh\": \"另一个名称\",\n      {}",
        &text[..at],
        &text[at..]
    );
    refused(&b, "repeated-key.json", &repeated, &format!("第 {line} 行")).await;
    assert!(b.text("#import-error").await.contains("name_zh"));
    shoot_both(&b, "import-error", "hardening-repeated-key").await;
    b.quit().await;
}

#[tokio::test]
async fn formulas_and_markup_arrive_as_text_and_unknown_content_is_listed() {
    let b = Browser::start(serve("")).await;
    let mut v = exported(&b).await;
    let parks = table(Kind::Park);
    let hostile = "=HYPERLINK(\"http://x\")<img src=x id=pwned>";
    v["records"][&parks][0]["data"]["name_zh"] = json!(hostile);
    v["records"][&parks][0]["data"]["colour"] = json!("blue");
    v["comment"] = json!("from a newer version");
    choose(&b, "hostile.json", &signed(v)).await;
    let unknown = b.text("#import-unknown").await;
    assert!(
        unknown.contains("comment") && unknown.contains("colour"),
        "{unknown}"
    );
    shoot_both(&b, "import-unknown", "hardening-unknown-listed").await;
    b.click("#import-confirm").await;
    b.wait_css("#import-done").await;
    b.open("/parks").await;
    let shown = b
        .wait_text("#park-table", |t| t.contains("HYPERLINK"))
        .await;
    assert!(shown.contains("<img src=x id=pwned>"), "{shown}");
    assert_eq!(b.count("#pwned").await, 0, "markup is never live");
    b.quit().await;
}

#[tokio::test]
async fn a_file_cannot_change_a_known_offices_role_until_the_user_adopts_it() {
    let b = Browser::start(serve("")).await;
    let v = exported(&b).await;
    let park_office = json!({ "id": "office-x", "name": "某园区管委会", "role": "PARK" });
    // First the park office becomes known here as a park.
    let mut first = v.clone();
    first["office"] = park_office.clone();
    first["offices"] = json!([park_office]);
    choose(&b, "from-park.json", &signed(first)).await;
    // Replacing everything with another role's file is warned about before the choice.
    let warn = b.text("#import-other-role").await;
    assert!(
        warn.contains("园区管委会") && warn.contains("合并"),
        "{warn}"
    );
    shoot_both(&b, "import-other-role", "hardening-other-role-warning").await;
    b.click("#merge-review").await;
    b.wait_css("#merge-review-screen").await;
    assert_eq!(b.count("#role-claims").await, 0);
    b.click("#merge-apply").await;
    b.wait_css("#merge-done").await;
    // Then a file claims it is the 编办.
    let forged = json!({ "id": "office-x", "name": "某园区管委会", "role": "BIANBAN" });
    let mut second = v.clone();
    second["office"] = forged.clone();
    second["offices"] = json!([forged]);
    choose(&b, "forged-role.json", &signed(second)).await;
    b.click("#merge-review").await;
    assert_eq!(
        b.count("#role-claims li").await,
        1,
        "one decision per office"
    );
    let claims = b.text("#role-claims li[data-office='office-x']").await;
    assert!(claims.contains("某园区管委会"), "{claims}");
    shoot_both(&b, "role-claims", "hardening-role-claim").await;
    b.click("#role-claims button.adopt-role").await;
    b.wait_saved().await;
    assert_eq!(b.count("#role-claims").await, 0, "the decision was taken");
    b.quit().await;
}
