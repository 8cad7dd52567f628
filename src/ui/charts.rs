//! A small SVG chart module (no chart crate): horizontal bars, grouped columns, lines over
//! dates and a ring for an index. Why our own: leptos-chartistry sets `style="…"` attributes,
//! which the strict Content-Security-Policy refuses, and charming needs ECharts' JavaScript;
//! these few shapes cost a few KB of wasm.
//!
//! Every chart is a `<figure>`: the SVG is an image labelled by its caption, and its numbers are
//! also in a table (visually hidden, read by screen readers; "数据表" shows it on screen).
//! Colours come from classes in style/main.css, sizes from SVG attributes, so nothing needs an
//! inline style. Shapes are `chart-bar`, never `bar`: that class sizes the HTML meters, and CSS
//! width/height override a rect's geometry attributes. Callers pass plain data in the current
//! language and re-render on change.

use leptos::prelude::*;

/// One bar or point value: the number drawn (`None` = no data) and the text shown for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub v: Option<f64>,
    pub text: String,
}

impl Value {
    pub fn pct(p: Option<f64>) -> Value {
        Value {
            v: p,
            text: p.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "—".into()),
        }
    }
    pub fn count(n: usize) -> Value {
        Value {
            v: Some(n as f64),
            text: n.to_string(),
        }
    }
}

/// A named series with its colour class (`c1` … `c6`).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub class: &'static str,
    pub values: Vec<Value>,
}

/// Labels of the data table ("项目"/"Item", "显示数据表"/"Show the table").
#[derive(Clone, Debug, PartialEq)]
pub struct TableLabels {
    pub item: String,
    pub show: String,
    pub hide: String,
}

fn table_toggle(id: String, labels: TableLabels) -> (RwSignal<bool>, impl IntoView) {
    let shown = RwSignal::new(false);
    let view = view! {
        <button type="button" class="btn btn-small chart-table-toggle" id=format!("{id}-table-toggle")
            aria-controls=format!("{id}-table") aria-expanded=move || shown.get().to_string()
            on:click=move |_| shown.update(|s| *s = !*s)>
            {move || if shown.get() { labels.hide.clone() } else { labels.show.clone() }}
        </button>
    };
    (shown, view)
}

fn data_table(
    id: &str,
    caption: String,
    item: String,
    columns: Vec<String>,
    rows: Vec<(String, Vec<String>)>,
    shown: RwSignal<bool>,
) -> impl IntoView + use<> {
    view! {
        <table class="table table-compact chart-table" class:sr-only=move || !shown.get() id=format!("{id}-table")>
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{item}</th>
                {columns.into_iter().map(|c| view! { <th scope="col" class="num">{c}</th> }).collect_view()}
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|(label, vals)| view! {
                    <tr><th scope="row">{label}</th>{vals.into_iter().map(|v| view! { <td class="num">{v}</td> }).collect_view()}</tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Horizontal bars, one per item, scaled to `max` (100 for percentages). `class` colours each
/// bar; the value is written at the bar's end.
pub fn bar_chart(
    id: &'static str,
    caption: String,
    items: Vec<(String, Value, &'static str)>,
    max: f64,
    labels: TableLabels,
) -> impl IntoView {
    const W: f64 = 640.0;
    const LABEL: f64 = 210.0;
    const ROW: f64 = 34.0;
    let bar_w = W - LABEL - 90.0;
    let max = if max > 0.0 { max } else { 1.0 };
    let h = ROW * items.len().max(1) as f64 + 8.0;
    let cap_id = format!("{id}-cap");
    let rows: Vec<(String, Vec<String>)> = items
        .iter()
        .map(|(l, v, _)| (l.clone(), vec![v.text.clone()]))
        .collect();
    let (shown, toggle) = table_toggle(id.to_string(), labels.clone());
    let bars = items
        .into_iter()
        .enumerate()
        .map(|(i, (label, v, class))| {
            let y = 4.0 + ROW * i as f64;
            let w = v.v.map(|x| (x / max).clamp(0.0, 1.0) * bar_w).unwrap_or(0.0);
            view! {
                <g class="bar-row">
                    <text x=LABEL - 10.0 y=y + ROW / 2.0 class="chart-label" text-anchor="end" dominant-baseline="middle">{label}</text>
                    <rect x=LABEL y=y + 6.0 width=bar_w height=ROW - 12.0 rx="4" class="bar-track" />
                    <rect x=LABEL y=y + 6.0 width=w height=ROW - 12.0 rx="4" class=format!("chart-bar {class}") />
                    <text x=LABEL + w + 8.0 y=y + ROW / 2.0 class="chart-value" dominant-baseline="middle">{v.text}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" id=id>
            <figcaption id=cap_id.clone()>{caption.clone()} " " {toggle}</figcaption>
            <svg viewBox=format!("0 0 {W} {h}") role="img" aria-labelledby=cap_id class="chart-svg" preserveAspectRatio="xMinYMin meet">
                {bars}
            </svg>
            {data_table(id, caption.clone(), labels.item.clone(), vec![caption.clone()], rows, shown)}
        </figure>
    }
}

/// Grouped columns: one group per category, one column per series (e.g. campaigns × strict /
/// lenient 放权到位率), 0..`max` on the y axis with grid lines at quarters.
pub fn column_chart(
    id: &'static str,
    caption: String,
    categories: Vec<String>,
    series: Vec<Series>,
    max: f64,
    labels: TableLabels,
) -> impl IntoView {
    const W: f64 = 640.0;
    const H: f64 = 300.0;
    const LEFT: f64 = 48.0;
    const BOTTOM: f64 = 44.0;
    const TOP: f64 = 34.0;
    let plot_h = H - BOTTOM - TOP;
    let plot_w = W - LEFT - 12.0;
    let n = categories.len().max(1) as f64;
    let group_w = plot_w / n;
    let k = series.len().max(1) as f64;
    let col_w = (group_w * 0.7 / k).min(70.0);
    let max = if max > 0.0 { max } else { 1.0 };
    let cap_id = format!("{id}-cap");
    let columns: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    let rows: Vec<(String, Vec<String>)> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                c.clone(),
                series
                    .iter()
                    .map(|s| s.values.get(i).map(|v| v.text.clone()).unwrap_or_default())
                    .collect(),
            )
        })
        .collect();
    let (shown, toggle) = table_toggle(id.to_string(), labels.clone());
    let grid = (0..=4)
        .map(|i| {
            let y = TOP + plot_h * (1.0 - i as f64 / 4.0);
            let label = format!("{:.0}", max * i as f64 / 4.0);
            view! {
                <line x1=LEFT x2=W - 8.0 y1=y y2=y class="grid" />
                <text x=LEFT - 6.0 y=y class="chart-axis" text-anchor="end" dominant-baseline="middle">{label}</text>
            }
        })
        .collect_view();
    let legend = series
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let x = LEFT + 190.0 * j as f64;
            view! {
                <rect x=x y="6" width="14" height="14" rx="3" class=format!("chart-bar {}", s.class) />
                <text x=x + 20.0 y="14" class="chart-legend" dominant-baseline="middle">{s.name.clone()}</text>
            }
        })
        .collect_view();
    let groups = categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let gx = LEFT + group_w * i as f64 + (group_w - col_w * k) / 2.0;
            let cols = series
                .iter()
                .enumerate()
                .map(|(j, s)| {
                    let v = s.values.get(i).cloned().unwrap_or(Value {
                        v: None,
                        text: "—".into(),
                    });
                    let hgt = v.v.map(|x| (x / max).clamp(0.0, 1.0) * plot_h).unwrap_or(0.0);
                    let x = gx + col_w * j as f64;
                    view! {
                        <rect x=x + 2.0 y=TOP + plot_h - hgt width=col_w - 4.0 height=hgt rx="3" class=format!("chart-bar {}", s.class) />
                        <text x=x + col_w / 2.0 y=TOP + plot_h - hgt - 6.0 class="chart-value" text-anchor="middle">{v.text}</text>
                    }
                })
                .collect_view();
            view! {
                {cols}
                <text x=LEFT + group_w * (i as f64 + 0.5) y=H - BOTTOM + 22.0 class="chart-label" text-anchor="middle">{c.clone()}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" id=id>
            <figcaption id=cap_id.clone()>{caption.clone()} " " {toggle}</figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=cap_id class="chart-svg" preserveAspectRatio="xMinYMin meet">
                {grid}
                {legend}
                {groups}
            </svg>
            {data_table(id, caption.clone(), labels.item.clone(), columns, rows, shown)}
        </figure>
    }
}

/// Lines over a sequence of dates (x labels), 0..`max` on the y axis; each point is marked and
/// the last value of each line is written beside it.
pub fn line_chart(
    id: &'static str,
    caption: String,
    xs: Vec<String>,
    series: Vec<Series>,
    max: f64,
    labels: TableLabels,
) -> impl IntoView {
    const W: f64 = 640.0;
    const H: f64 = 300.0;
    const LEFT: f64 = 48.0;
    const RIGHT: f64 = 70.0;
    const TOP: f64 = 34.0;
    const BOTTOM: f64 = 40.0;
    let plot_h = H - TOP - BOTTOM;
    let plot_w = W - LEFT - RIGHT;
    let n = xs.len();
    let max = if max > 0.0 { max } else { 1.0 };
    let x_of = |i: usize| {
        if n <= 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y_of = |v: f64| TOP + plot_h * (1.0 - (v / max).clamp(0.0, 1.0));
    let cap_id = format!("{id}-cap");
    let columns: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    let rows: Vec<(String, Vec<String>)> = xs
        .iter()
        .enumerate()
        .map(|(i, x)| {
            (
                x.clone(),
                series
                    .iter()
                    .map(|s| s.values.get(i).map(|v| v.text.clone()).unwrap_or_default())
                    .collect(),
            )
        })
        .collect();
    let (shown, toggle) = table_toggle(id.to_string(), labels.clone());
    let grid = (0..=4)
        .map(|i| {
            let y = TOP + plot_h * (1.0 - i as f64 / 4.0);
            let label = format!("{:.0}", max * i as f64 / 4.0);
            view! {
                <line x1=LEFT x2=W - RIGHT y1=y y2=y class="grid" />
                <text x=LEFT - 6.0 y=y class="chart-axis" text-anchor="end" dominant-baseline="middle">{label}</text>
            }
        })
        .collect_view();
    // Every other x label when crowded.
    let step = if n > 8 { 2 } else { 1 };
    let xlabels = xs
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0 || *i + 1 == n)
        .map(|(i, x)| {
            view! { <text x=x_of(i) y=H - BOTTOM + 20.0 class="chart-axis" text-anchor="middle">{x.clone()}</text> }
        })
        .collect_view();
    let legend = series
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let x = LEFT + 150.0 * j as f64;
            view! {
                <line x1=x x2=x + 18.0 y1="13" y2="13" class=format!("line {}", s.class) />
                <text x=x + 24.0 y="14" class="chart-legend" dominant-baseline="middle">{s.name.clone()}</text>
            }
        })
        .collect_view();
    let lines = series
        .iter()
        .map(|s| {
            let pts: Vec<(f64, f64)> = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.v.map(|v| (x_of(i), y_of(v))))
                .collect();
            let path = pts
                .iter()
                .enumerate()
                .map(|(i, (x, y))| format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" }))
                .collect::<String>();
            let last = s
                .values
                .iter()
                .enumerate()
                .rev()
                .find_map(|(i, v)| v.v.map(|x| (i, x, v.text.clone())));
            let dots = pts
                .iter()
                .map(|(x, y)| view! { <circle cx=*x cy=*y r="4" class=format!("dot {}", s.class) /> })
                .collect_view();
            view! {
                <path d=path class=format!("line {}", s.class) fill="none" />
                {dots}
                {last.map(|(i, v, text)| view! {
                    <text x=x_of(i) + 8.0 y=y_of(v) class=format!("chart-value {}", s.class) dominant-baseline="middle">{text}</text>
                })}
            }
        })
        .collect_view();
    view! {
        <figure class="chart" id=id>
            <figcaption id=cap_id.clone()>{caption.clone()} " " {toggle}</figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=cap_id class="chart-svg" preserveAspectRatio="xMinYMin meet">
                {grid}
                {xlabels}
                {legend}
                {lines}
            </svg>
            {data_table(id, caption.clone(), labels.item.clone(), columns, rows, shown)}
        </figure>
    }
}

/// A ring showing an index 0–100 with the number inside; without a value, a grey ring and the
/// words for "not enough data". Decorative: the number is also text beside it.
pub fn ring(value: Option<f64>, class: &'static str, no_data: String) -> impl IntoView {
    const R: f64 = 52.0;
    let c = 2.0 * std::f64::consts::PI * R;
    let filled = value
        .map(|v| (v / 100.0).clamp(0.0, 1.0) * c)
        .unwrap_or(0.0);
    let text = value.map(|v| format!("{v:.1}")).unwrap_or(no_data);
    let small = value.is_none();
    view! {
        <svg viewBox="0 0 128 128" class="ring" aria-hidden="true">
            <circle cx="64" cy="64" r=R class="ring-track" fill="none" stroke-width="14" />
            <circle cx="64" cy="64" r=R class=format!("ring-fill {class}") fill="none" stroke-width="14"
                stroke-dasharray=format!("{filled:.1} {c:.1}") transform="rotate(-90 64 64)" stroke-linecap="round" />
            <text x="64" y="64" text-anchor="middle" dominant-baseline="central" class="ring-text" class:ring-text-small=small>{text}</text>
        </svg>
    }
}
