//! The export and print buttons of a report, and the print view. Which report is written is the
//! caller's choice (a function of `crate::reports::lists`); how is the same for all of them:
//! Excel (.xlsx), CSV (UTF-8 with BOM) and an A4 print of the same table.

use std::cell::RefCell;
use std::collections::VecDeque;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use super::i18n::*;
use super::state::{AppState, use_app};
use super::use_lang;
use crate::domain::text::Text;
use crate::reports::lists::Source;
use crate::reports::{Cell, Format, Report, SAMPLE_MARK, csv};

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

thread_local! {
    /// The xlsx worker (src/bin/xlsx_worker.rs), started on the first Excel export.
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    /// File names of the workbooks asked for; the worker answers in the same order.
    static PENDING: RefCell<VecDeque<String>> = const { RefCell::new(VecDeque::new()) };
    /// Reports waiting for the worker to say "ready" (its wasm is still loading).
    static QUEUE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static READY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn toast(app: AppState, zh: String, en: String) {
    app.toast.set(Some(Text::new(zh, en)));
}

/// The running worker, or a new one from `url` (trunk's worker loader beside the app's files; worker
/// files are not hashed by trunk, the service worker's per-build cache keeps them consistent).
fn xlsx_worker(app: AppState, url: &str) -> Result<web_sys::Worker, String> {
    if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
        return Ok(w);
    }
    let w = web_sys::Worker::new(url).map_err(|e| format!("{e:?}"))?;
    READY.with(|r| r.set(false));
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            if data.as_string().as_deref() == Some("ready") {
                READY.with(|r| r.set(true));
                if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
                    for json in QUEUE.with(|q| std::mem::take(&mut *q.borrow_mut())) {
                        let _ = w.post_message(&json.into());
                    }
                }
                return;
            }
            let Some(name) = PENDING.with(|p| p.borrow_mut().pop_front()) else {
                return;
            };
            match data.dyn_into::<js_sys::Uint8Array>() {
                Ok(bytes) => {
                    match super::browser::download_bytes(&name, &bytes.to_vec(), XLSX_MIME) {
                        Ok(()) => toast(app, format!("已导出 {name}"), format!("Exported {name}")),
                        Err(e) => {
                            toast(app, format!("导出失败：{e}"), format!("Export failed: {e}"))
                        }
                    }
                }
                Err(other) => {
                    let e = other.as_string().unwrap_or_default();
                    toast(app, format!("导出失败：{e}"), format!("Export failed: {e}"));
                }
            }
        });
    // A worker that cannot load (e.g. offline before it was ever cached) fails every request.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        WORKER.with(|w| w.borrow_mut().take());
        READY.with(|r| r.set(false));
        QUEUE.with(|q| q.borrow_mut().clear());
        let lost = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
        if !lost.is_empty() {
            toast(
                app,
                "无法载入 Excel 导出组件，请检查网络后重试（CSV 导出不受影响）".into(),
                "The Excel export component could not be loaded; check the network and retry (CSV export still works)".into(),
            );
        }
    });
    w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Both live as long as the worker, which lives as long as the page.
    on_message.forget();
    on_error.forget();
    WORKER.with(|slot| *slot.borrow_mut() = Some(w.clone()));
    Ok(w)
}

/// Builds one report from the current data, as-of date, office and language.
pub type Build = fn(&Source) -> Report;

/// The report being printed; the print view (`PrintArea`) shows it on paper only.
#[derive(Clone, Copy)]
pub struct PrintJob(pub RwSignal<Option<Report>>);

fn build_now(build: Build, lang: crate::domain::text::Lang) -> Report {
    let app = use_app();
    let office = app.office.get_untracked().name;
    let as_of = app.as_of.get_untracked();
    let checks = app.checks.get_untracked();
    app.desk.with_untracked(|d| {
        build(&Source {
            ws: d.ws(),
            checks: &checks,
            as_of,
            office: &office,
            lang,
        })
    })
}

/// Excel / CSV / 打印 buttons for one report. `key` names the buttons (`rep-{key}-xlsx`, `rep-{key}-csv`, `rep-{key}-print`).
#[component]
pub fn ReportTools(key: &'static str, report: Build) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let job = expect_context::<PrintJob>();
    let failed = move |e: String| {
        app.toast.set(Some(Text::new(
            format!("导出失败：{e}"),
            format!("Export failed: {e}"),
        )))
    };
    let done = move |name: String| {
        app.toast.set(Some(Text::new(
            format!("已导出 {name}"),
            format!("Exported {name}"),
        )))
    };
    let worker_url = expect_context::<super::Base>().href("/xlsx_worker_loader.js");
    // The workbook is written by the worker; the answer arrives in `xlsx_worker`'s handler.
    let to_xlsx = move |_| {
        let r = build_now(report, lang());
        let name = format!("{}.xlsx", r.file_stem());
        let sent = serde_json::to_string(&r)
            .map_err(|e| e.to_string())
            .and_then(|json| {
                let w = xlsx_worker(app, &worker_url)?;
                PENDING.with(|p| p.borrow_mut().push_back(name.clone()));
                if READY.with(std::cell::Cell::get) {
                    w.post_message(&json.into()).map_err(|e| format!("{e:?}"))
                } else {
                    QUEUE.with(|q| q.borrow_mut().push(json));
                    Ok(())
                }
            });
        if let Err(e) = sent {
            PENDING.with(|p| p.borrow_mut().retain(|n| *n != name));
            failed(e);
        }
    };
    let to_csv = move |_| {
        let r = build_now(report, lang());
        let name = format!("{}.csv", r.file_stem());
        match super::browser::download(&name, &csv::write(&r), "text/csv;charset=utf-8") {
            Ok(()) => done(name),
            Err(e) => failed(e),
        }
    };
    let print = move |_| {
        job.0.set(Some(build_now(report, lang())));
        // Print once the view has been drawn.
        gloo_timers::callback::Timeout::new(50, super::browser::print).forget();
    };
    view! {
        <span class="report-tools" role="group" aria-label=move || t_string!(i18n, rep_tools).to_string()>
            <button type="button" class="btn btn-small" id=format!("rep-{key}-xlsx") on:click=to_xlsx>"Excel"</button>
            <button type="button" class="btn btn-small" id=format!("rep-{key}-csv") on:click=to_csv>"CSV"</button>
            <button type="button" class="btn btn-small" id=format!("rep-{key}-print") on:click=print>{t!(i18n, rep_print)}</button>
        </span>
    }
}

fn cell_class(format: Format, cell: &Cell) -> &'static str {
    match (format, cell) {
        (_, Cell::Text(s)) if s == SAMPLE_MARK => "sample-cell",
        (Format::Int | Format::Decimal | Format::Percent, _) => "num",
        (Format::Date, _) => "nowrap",
        _ => "",
    }
}

/// The report on paper: title, office, as-of date and sample marker in a table head that repeats
/// on every page; page numbers come from the @page rules in style/main.css. Hidden on screen.
#[component]
pub fn PrintArea() -> impl IntoView {
    let job = expect_context::<PrintJob>();
    // The job ends when the print dialog closes.
    let after = window_event_listener(leptos::ev::afterprint, move |_| job.0.set(None));
    on_cleanup(move || after.remove());
    move || {
        job.0.get().map(|r| {
            let n = r.columns.len();
            let wide = n > 8;
            let formats: Vec<Format> = r.columns.iter().map(|c| c.format).collect();
            view! {
                <div id="print-area" class:print-wide=wide data-report=r.key.clone() lang=match r.lang { crate::domain::text::Lang::Zh => "zh-CN", crate::domain::text::Lang::En => "en" }>
                    <table class="print-table">
                        <thead>
                            <tr class="print-head"><th colspan=n scope="colgroup">
                                <div class="print-title">{r.title.clone()}</div>
                                <div class="print-sub">{r.subtitle()}</div>
                            </th></tr>
                            <tr>{r.columns.iter().map(|c| view! { <th scope="col">{c.header.clone()}</th> }).collect_view()}</tr>
                        </thead>
                        <tbody>
                            {r.rows.iter().map(|row| view! {
                                <tr>{row.iter().zip(&formats).map(|(c, f)| view! { <td class=cell_class(*f, c)>{c.display()}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })
    }
}
