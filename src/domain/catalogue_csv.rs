//! CSV import of a power catalogue exported from Excel/WPS (权责清单), all or nothing: every row is
//! checked, every problem is reported with its row and column, and nothing is imported while any
//! row has a problem.
//!
//! Columns (header names in Chinese or English, any order):
//! 事项编码 code · 事项名称 name · 事项类型 type · 权限类别 category · 职能领域 domain ·
//! 权限层级 holder · 办理环节 links (separated by 、 or ·) · 可下放性 delegability · 审批链 chains.
//! Enum cells accept the Chinese label, the English label or the code (e.g. 行政许可 / XK).

use super::power::{
    DOMAINS, Delegability, HolderLevel, PowerCategory, PowerItemData, PowerType, ProcessLink,
    domain,
};
use super::text::Text;

/// A problem in one cell (row 1 is the header).
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    pub row: usize,
    pub column: Option<String>,
    pub message: Text,
}

impl RowError {
    pub fn text(&self) -> Text {
        let place_zh = match &self.column {
            Some(c) => format!("第 {} 行“{c}”列", self.row),
            None => format!("第 {} 行", self.row),
        };
        let place_en = match &self.column {
            Some(c) => format!("row {}, column “{c}”", self.row),
            None => format!("row {}", self.row),
        };
        Text::new(
            format!("{place_zh}：{}", self.message.zh),
            format!("{place_en}: {}", self.message.en),
        )
    }
}

const COLUMNS: [(&str, &str, &str, bool); 9] = [
    ("code", "事项编码", "code", true),
    ("name", "事项名称", "name", true),
    ("type", "事项类型", "type", true),
    ("category", "权限类别", "category", true),
    ("domain", "职能领域", "domain", true),
    ("holder", "权限层级", "holder", true),
    ("links", "办理环节", "links", false),
    ("delegability", "可下放性", "delegability", false),
    ("chains", "审批链", "chains", false),
];

/// The header names an export writes (Chinese, English), in the order of [`COLUMNS`]; the import
/// reads these as well as the short English keys, so an exported catalogue reads back.
pub const HEADERS: [(&str, &str); 9] = [
    ("事项编码", "Item code"),
    ("事项名称", "Item name"),
    ("事项类型", "Power type"),
    ("权限类别", "Category"),
    ("职能领域", "Function domain"),
    ("权限层级", "Holder level"),
    ("办理环节", "Process links"),
    ("可下放性", "Delegability"),
    ("审批链", "Approval chains"),
];

fn find<E: Copy>(
    all: &[E],
    cell: &str,
    code: fn(E) -> &'static str,
    zh: fn(E) -> &'static str,
    en: fn(E) -> &'static str,
) -> Option<E> {
    let c = cell.trim();
    all.iter()
        .copied()
        .find(|e| code(*e).eq_ignore_ascii_case(c) || zh(*e) == c || en(*e).eq_ignore_ascii_case(c))
}

fn split(cell: &str) -> Vec<&str> {
    cell.split(['、', '·', ';', '；', ',', '，', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Parses the whole file; `Err` lists every problem found.
pub fn parse(text: &str) -> Result<Vec<PowerItemData>, Vec<RowError>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let err = |row: usize, column: Option<&str>, zh: String, en: String| RowError {
        row,
        column: column.map(str::to_string),
        message: Text::new(zh, en),
    };
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![err(
                1,
                None,
                format!("无法读取表头：{e}"),
                format!("Cannot read the header: {e}"),
            )]);
        }
    };
    let mut index = [None; 9];
    for (i, h) in headers.iter().enumerate() {
        if let Some(k) = COLUMNS
            .iter()
            .position(|(_, zh, en, _)| h == *zh || h.eq_ignore_ascii_case(en))
            .or_else(|| {
                HEADERS
                    .iter()
                    .position(|(_, en)| h.eq_ignore_ascii_case(en))
            })
        {
            index[k] = Some(i);
        }
    }
    let mut errors: Vec<RowError> = COLUMNS
        .iter()
        .zip(index)
        .filter(|((_, _, _, required), i)| *required && i.is_none())
        .map(|((_, zh, en, _), _)| {
            err(
                1,
                Some(zh),
                format!("缺少必需的列“{zh}”"),
                format!("The required column “{en}” is missing"),
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut items = Vec::new();
    let mut seen = std::collections::BTreeMap::new();
    for (n, record) in reader.records().enumerate() {
        let row = n + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(err(
                    row,
                    None,
                    format!("无法读取该行：{e}"),
                    format!("Cannot read the row: {e}"),
                ));
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |k: usize| index[k].and_then(|i| record.get(i)).unwrap_or("").trim();
        let mut bad =
            |k: usize, zh: String, en: String| errors.push(err(row, Some(COLUMNS[k].1), zh, en));
        let code = cell(0).to_string();
        if code.is_empty() {
            bad(
                0,
                "事项编码不能为空".into(),
                "The item code is required".into(),
            );
        } else if let Some(first) = seen.insert(code.clone(), row) {
            bad(
                0,
                format!("事项编码 {code} 与第 {first} 行重复"),
                format!("Item code {code} repeats row {first}"),
            );
        }
        let name = cell(1).to_string();
        if name.is_empty() {
            bad(
                1,
                "事项名称不能为空".into(),
                "The item name is required".into(),
            );
        }
        let power_type = find(
            PowerType::ALL,
            cell(2),
            PowerType::code,
            PowerType::zh,
            PowerType::en,
        );
        if power_type.is_none() {
            bad(
                2,
                format!("无法识别的事项类型“{}”", cell(2)),
                format!("Unknown power type “{}”", cell(2)),
            );
        }
        let category = find(
            PowerCategory::ALL,
            cell(3),
            PowerCategory::code,
            PowerCategory::zh,
            PowerCategory::en,
        );
        if category.is_none() {
            bad(
                3,
                format!(
                    "无法识别的权限类别“{}”（经济管理 / 社会管理 / 行政执法）",
                    cell(3)
                ),
                format!(
                    "Unknown category “{}” (economic / social / enforcement)",
                    cell(3)
                ),
            );
        }
        // A domain cell may be an id (ECO.PLANNING) or a name; names such as 规划 exist in two
        // categories, so the category decides.
        let dom = domain(cell(4)).or_else(|| {
            DOMAINS.iter().find(|d| {
                (d.zh == cell(4) || d.en.eq_ignore_ascii_case(cell(4)))
                    && Some(d.category) == category
            })
        });
        match dom {
            None => bad(
                4,
                format!("无法识别该类别下的职能领域“{}”", cell(4)),
                format!("Unknown function domain “{}” for this category", cell(4)),
            ),
            Some(d) if Some(d.category) != category && category.is_some() => bad(
                4,
                format!("职能领域“{}”不属于该权限类别", cell(4)),
                format!("Domain “{}” does not belong to this category", cell(4)),
            ),
            _ => {}
        }
        let holder = find(
            HolderLevel::ALL,
            cell(5),
            HolderLevel::code,
            HolderLevel::zh,
            HolderLevel::en,
        )
        .or_else(|| match cell(5) {
            "市" => Some(HolderLevel::City),
            "县" | "县区" => Some(HolderLevel::County),
            _ => None,
        });
        if holder.is_none() {
            bad(
                5,
                format!("无法识别的权限层级“{}”（市 / 县）", cell(5)),
                format!("Unknown holder level “{}” (city / county)", cell(5)),
            );
        }
        let mut links = Vec::new();
        for l in split(cell(6)) {
            match find(
                ProcessLink::ALL,
                l,
                ProcessLink::code,
                ProcessLink::zh,
                ProcessLink::en,
            )
            .or_else(|| {
                ProcessLink::ALL
                    .iter()
                    .copied()
                    .find(|p| p.zh().split('/').any(|part| part == l))
            }) {
                Some(p) => links.push(p),
                None => bad(
                    6,
                    format!("无法识别的办理环节“{l}”"),
                    format!("Unknown process link “{l}”"),
                ),
            }
        }
        let delegability = if cell(7).is_empty() {
            Some(Delegability::ToBeStudied)
        } else {
            find(
                Delegability::ALL,
                cell(7),
                Delegability::code,
                Delegability::zh,
                Delegability::en,
            )
        };
        if delegability.is_none() {
            bad(
                7,
                format!("无法识别的可下放性“{}”", cell(7)),
                format!("Unknown delegability “{}”", cell(7)),
            );
        }
        if let (Some(power_type), Some(category), Some(d), Some(holder_level), Some(delegability)) =
            (power_type, category, dom, holder, delegability)
        {
            items.push(PowerItemData {
                item_code: code,
                name,
                power_type,
                category,
                domain_id: d.id.to_string(),
                holder_level,
                source_dept_id: None,
                legal_basis: Vec::new(),
                process_links: links,
                delegability,
                chain_tags: split(cell(8)).into_iter().map(str::to_string).collect(),
            });
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}
