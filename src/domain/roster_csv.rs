//! CSV import of a real-name roster exported from Excel/WPS (实名制名册), all or nothing: every
//! row is checked, every problem is reported with its row and column, and nothing is imported
//! while any row has a problem. The file adds new persons; staff numbers already on the roster
//! are refused (edit those persons in the roster instead).
//!
//! Columns (header names in Chinese or English, any order): 人员编号 staff_no · 姓名 name ·
//! 性别 gender · 出生年份 birth_year · 学历 education · 专业 major · 人员身份 identity ·
//! 进入方式 entry_channel · 人才标识 talent_flags · 编制单位 seat_org · 编制类型 quota_type ·
//! 工作单位 work_org · 状态 status · 起始日期 from. Units are named as registered (full name) or
//! by record id; enum cells accept the Chinese label, the English label or the code. A column
//! for ID or phone numbers refuses the file: such data is never stored (BR-F2).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::catalogue_csv::RowError;
use super::integration::looks_like_personal_number;
use super::person::{
    Education, EntryChannel, Gender, PersonData, PersonIdentity, PersonStatus, Placement,
    TalentFlag,
};
use super::staffing::{QuotaSeat, QuotaType};
use super::text::Text;
use super::workspace::Workspace;

const COLUMNS: [(&str, &str, bool); 14] = [
    ("人员编号", "staff_no", true),
    ("姓名", "name", true),
    ("性别", "gender", false),
    ("出生年份", "birth_year", false),
    ("学历", "education", false),
    ("专业", "major", false),
    ("人员身份", "identity", true),
    ("进入方式", "entry_channel", false),
    ("人才标识", "talent_flags", false),
    ("编制单位", "seat_org", false),
    ("编制类型", "quota_type", false),
    ("工作单位", "work_org", true),
    ("状态", "status", false),
    ("起始日期", "from", true),
];

/// Headers that announce personal numbers: the file is refused before any row is read.
const FORBIDDEN: [&str; 6] = [
    "身份证号",
    "身份证号码",
    "公民身份号码",
    "手机号",
    "手机号码",
    "联系电话",
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

/// Dates as Excel and WPS write them: 2012-10-01, 2012/10/1, 2012.10.1, 2012年10月1日.
pub fn parse_date_cell(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// Parses the file against the current workspace (units, existing staff numbers).
pub fn parse(text: &str, ws: &Workspace) -> Result<Vec<PersonData>, Vec<RowError>> {
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
    let mut errors = Vec::new();
    let mut index = [None; 14];
    for (i, h) in headers.iter().enumerate() {
        if FORBIDDEN.contains(&h) {
            errors.push(err(
                1,
                Some(h),
                format!("文件含“{h}”列：不得导入身份证号或手机号，请删除该列后再导入"),
                format!("The file has a “{h}” column: ID and phone numbers must not be stored; delete the column and import again"),
            ));
        }
        if let Some(k) = COLUMNS
            .iter()
            .position(|(zh, en, _)| h == *zh || h.eq_ignore_ascii_case(en))
        {
            index[k] = Some(i);
        }
    }
    for ((zh, en, required), i) in COLUMNS.iter().zip(index) {
        if *required && i.is_none() {
            errors.push(err(
                1,
                Some(zh),
                format!("缺少必需的列“{zh}”"),
                format!("The required column “{en}” is missing"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Units by full name (a name used twice cannot be told apart) and by id.
    let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
    for o in ws.org_units.iter_live() {
        by_name.entry(o.data.name.trim()).or_default().push(o.id());
    }
    let existing: HashMap<&str, &str> = ws
        .persons
        .iter_live()
        .map(|p| (p.data.staff_no.trim(), p.data.display_name.as_str()))
        .collect();
    let org = |cell: &str| -> Result<String, (String, String)> {
        if ws.org_units.live(cell).is_some() {
            return Ok(cell.to_string());
        }
        match by_name.get(cell).map(Vec::as_slice) {
            Some([one]) => Ok(one.to_string()),
            Some(many) => Err((
                format!("有 {} 个单位叫“{cell}”，请改用单位编号", many.len()),
                format!(
                    "{} units are called “{cell}”; use the unit's id",
                    many.len()
                ),
            )),
            None => Err((
                format!("没有名为“{cell}”的单位（须与机构编制中登记的全称一致）"),
                format!("No unit is called “{cell}” (use the full name as registered)"),
            )),
        }
    };

    let mut persons = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
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
        let mut bad = |k: usize, zh: String, en: String| {
            errors.push(err(row, Some(COLUMNS[k].0), zh, en));
        };
        let staff_no = cell(0).to_string();
        if staff_no.is_empty() {
            bad(
                0,
                "人员编号不能为空".into(),
                "The staff number is required".into(),
            );
        } else if looks_like_personal_number(&staff_no) {
            bad(
                0,
                "人员编号像身份证号或手机号：不得录入，请改用单位内部编号".into(),
                "The staff number looks like an ID or phone number: use the internal staff number"
                    .into(),
            );
        } else if let Some(name) = existing.get(staff_no.as_str()) {
            bad(
                0,
                format!("人员编号 {staff_no} 已在名册中（{name}）：导入只新增人员"),
                format!(
                    "Staff number {staff_no} is already on the roster ({name}); the import only adds persons"
                ),
            );
        } else if let Some(first) = seen.insert(staff_no.clone(), row) {
            bad(
                0,
                format!("人员编号 {staff_no} 与第 {first} 行重复"),
                format!("Staff number {staff_no} repeats row {first}"),
            );
        }
        let name = cell(1).to_string();
        if name.is_empty() {
            bad(1, "姓名不能为空".into(), "The name is required".into());
        } else if looks_like_personal_number(&name) {
            bad(
                1,
                "姓名栏含身份证号或手机号：不得录入".into(),
                "The name cell holds an ID or phone number: not allowed".into(),
            );
        }
        let gender = if cell(2).is_empty() {
            Some(None)
        } else {
            find(Gender::ALL, cell(2), Gender::code, Gender::zh, Gender::en).map(Some)
        };
        if gender.is_none() {
            bad(
                2,
                format!("无法识别的性别“{}”（男 / 女）", cell(2)),
                format!("Unknown gender “{}” (male / female)", cell(2)),
            );
        }
        let birth_year = match cell(3) {
            "" => Some(None),
            y if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => y
                .parse::<u16>()
                .ok()
                .filter(|y| (1900..=2100).contains(y))
                .map(Some),
            _ => None,
        };
        if birth_year.is_none() {
            bad(
                3,
                format!(
                    "出生年份“{}”须为四位年份（只存年份，不存完整出生日期）",
                    cell(3)
                ),
                format!(
                    "Birth year “{}” must be a four-digit year (no full date of birth is stored)",
                    cell(3)
                ),
            );
        }
        let education = if cell(4).is_empty() {
            Some(None)
        } else {
            find(
                Education::ALL,
                cell(4),
                Education::code,
                Education::zh,
                Education::en,
            )
            .map(Some)
        };
        if education.is_none() {
            bad(
                4,
                format!("无法识别的学历“{}”", cell(4)),
                format!("Unknown education “{}”", cell(4)),
            );
        }
        let major = cell(5).to_string();
        if looks_like_personal_number(&major) {
            bad(
                5,
                "专业栏含身份证号或手机号：不得录入".into(),
                "The major cell holds an ID or phone number: not allowed".into(),
            );
        }
        let identity = find(
            PersonIdentity::ALL,
            cell(6),
            PersonIdentity::code,
            PersonIdentity::zh,
            PersonIdentity::en,
        );
        if identity.is_none() {
            bad(
                6,
                format!(
                    "无法识别的人员身份“{}”（公务员、参照公务员法管理、事业单位管理人员…）",
                    cell(6)
                ),
                format!("Unknown identity “{}”", cell(6)),
            );
        }
        let channel = if cell(7).is_empty() {
            Some(EntryChannel::Existing)
        } else {
            find(
                EntryChannel::ALL,
                cell(7),
                EntryChannel::code,
                EntryChannel::zh,
                EntryChannel::en,
            )
        };
        if channel.is_none() {
            bad(
                7,
                format!("无法识别的进入方式“{}”", cell(7)),
                format!("Unknown entry channel “{}”", cell(7)),
            );
        }
        let mut flags = Vec::new();
        for f in cell(8)
            .split(['、', ';', '；', ',', '，', '|'])
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            match find(
                TalentFlag::ALL,
                f,
                TalentFlag::code,
                TalentFlag::zh,
                TalentFlag::en,
            ) {
                Some(t) => flags.push(t),
                None => bad(
                    8,
                    format!("无法识别的人才标识“{f}”"),
                    format!("Unknown talent flag “{f}”"),
                ),
            }
        }
        let seat_org = match cell(9) {
            "" => Some(None),
            c => match org(c) {
                Ok(id) => Some(Some(id)),
                Err((zh, en)) => {
                    bad(9, zh, en);
                    None
                }
            },
        };
        let quota_type = match cell(10) {
            "" => Some(None),
            c => find(
                QuotaType::ALL,
                c,
                QuotaType::code,
                QuotaType::zh,
                QuotaType::en,
            )
            .or(match c {
                "行政编" | "行政" => Some(QuotaType::Administrative),
                "事业编" | "事业" => Some(QuotaType::InstitutionFull),
                "工勤编" | "工勤" => Some(QuotaType::Logistics),
                _ => None,
            })
            .map(Some),
        };
        if quota_type.is_none() {
            bad(
                10,
                format!("无法识别的编制类型“{}”", cell(10)),
                format!("Unknown quota type “{}”", cell(10)),
            );
        }
        let seat = match (&seat_org, &quota_type) {
            (Some(Some(o)), Some(Some(t))) => Some(Some(QuotaSeat {
                org_id: o.clone(),
                quota_type: *t,
            })),
            (Some(None), Some(None)) => Some(None),
            (Some(Some(_)), Some(None)) => {
                bad(
                    10,
                    "填写了编制单位，请同时填写编制类型".into(),
                    "A quota unit needs its quota type".into(),
                );
                None
            }
            (Some(None), Some(Some(_))) => {
                bad(
                    9,
                    "填写了编制类型，请同时填写编制单位".into(),
                    "A quota type needs its quota unit".into(),
                );
                None
            }
            _ => None,
        };
        let work = match org(cell(11)) {
            Ok(id) => Some(id),
            Err((zh, en)) => {
                if cell(11).is_empty() {
                    bad(
                        11,
                        "工作单位不能为空".into(),
                        "The work unit is required".into(),
                    );
                } else {
                    bad(11, zh, en);
                }
                None
            }
        };
        let status = if cell(12).is_empty() {
            Some(PersonStatus::Active)
        } else {
            find(
                PersonStatus::ALL,
                cell(12),
                PersonStatus::code,
                PersonStatus::zh,
                PersonStatus::en,
            )
        };
        if status.is_none() {
            bad(
                12,
                format!(
                    "无法识别的状态“{}”（在职、借调外出、借调进入、离岗…）",
                    cell(12)
                ),
                format!("Unknown status “{}”", cell(12)),
            );
        }
        let from = parse_date_cell(cell(13));
        if from.is_none() {
            bad(
                13,
                format!("无法识别的日期“{}”（如 2012-10-01）", cell(13)),
                format!("Unknown date “{}” (e.g. 2012-10-01)", cell(13)),
            );
        }
        if let (
            Some(gender),
            Some(birth_year),
            Some(education),
            Some(identity),
            Some(channel),
            Some(seat),
            Some(work),
            Some(status),
            Some(from),
        ) = (
            gender, birth_year, education, identity, channel, seat, work, status, from,
        ) {
            persons.push(PersonData {
                staff_no,
                display_name: name,
                gender,
                birth_year,
                education,
                major: (!major.is_empty()).then_some(major),
                identity,
                entry_channel: channel,
                talent_flags: flags,
                placements: vec![Placement {
                    from,
                    seat,
                    work_org_id: Some(work),
                    status,
                    note: None,
                }],
                synthetic: false,
            });
        }
    }
    if errors.is_empty() {
        Ok(persons)
    } else {
        Err(errors)
    }
}

/// The import template's header and its one example row; the file itself is written by the one
/// CSV writer, `reports::people::roster_template`.
pub fn template_rows() -> (Vec<&'static str>, Vec<&'static str>) {
    let head = COLUMNS.iter().map(|(zh, _, _)| *zh).collect();
    let example = vec![
        "PER-XX-0001",
        "张三",
        "男",
        "1985",
        "大学本科",
        "城乡规划",
        "公务员",
        "公开招聘",
        "优秀年轻干部",
        "（编制单位全称）",
        "行政编制",
        "（工作单位全称）",
        "在职",
        "2013-01-01",
    ];
    (head, example)
}
