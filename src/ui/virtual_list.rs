//! A long table that renders only the rows in view (issue #9): every row has the same height, a
//! spacer row above and below stands for the rows not drawn, so the scrollbar stays true; a few
//! rows more than fit are drawn on each side (overscan), so tabbing into the next row works (the
//! browser scrolls the focused button into view, which moves the window on). The arithmetic is
//! `crate::list_window` (tested natively).
//!
//! The container carries `data-rows-rendered`, `data-rows-total` and `data-rows-first` for the benchmark and the
//! tests; the line under the table says how many rows there are ("共 N 条 / N rows"). Printing
//! goes through `src/reports` (every row), not through this view.

use std::hash::Hash;
use std::ops::Range;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::*;
use crate::list_window;

/// Rows drawn beyond each edge of the viewport.
const OVERSCAN: usize = 6;

/// px per rem before the page is measured (the stylesheet's root size on most screens).
const REM_PX: f64 = 16.0;

/// A scrollable table of `len` rows of which only the visible ones are in the DOM.
///
/// `window(range)` returns the rows at positions `range` (reactive: read the list's memos in it);
/// `key` identifies a row across filter changes; `row` draws one `<tr>`. `children` is the
/// `<thead>`. Sizes are set through the CSSOM (`style:`), which the Content-Security-Policy
/// allows, never as style attributes. Rows are `row_rem` rem high (set on every body row by the stylesheet through
/// `--vrow-h`; cells do not wrap), measured after drawing so zoom and font size are followed.
#[component]
pub fn VirtualTable<T, K, W, KF, RF, IV>(
    /// Id of the scroll container (`data-rows-rendered`, `data-rows-total`).
    id: &'static str,
    /// Id of the `<table>`.
    table_id: &'static str,
    /// Classes of the `<table>` besides `table vtable`.
    #[prop(optional)]
    table_class: &'static str,
    /// Columns of a row (the spacer rows span them).
    columns: usize,
    /// Height of a body row in rem.
    row_rem: f64,
    /// Accessible name of the scrollable region.
    #[prop(into)]
    label: Signal<String>,
    /// Number of rows (after filtering).
    #[prop(into)]
    len: Signal<usize>,
    window: W,
    key: KF,
    row: RF,
    children: Children,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    K: Eq + Hash + Clone + Send + Sync + 'static,
    W: Fn(Range<usize>) -> Vec<T> + Send + Sync + 'static,
    KF: Fn(&T) -> K + Clone + Send + Sync + 'static,
    RF: Fn(T) -> IV + Clone + Send + Sync + 'static,
    IV: IntoView + 'static,
{
    let i18n = use_i18n();
    let scroller = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    // Until the container is measured, assume it is as high as the browser window.
    let viewport = RwSignal::new(
        web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0),
    );
    let row_px = RwSignal::new(row_rem * REM_PX);
    let range = Memo::new(move |_| {
        list_window::window(
            scroll_top.get(),
            viewport.get(),
            row_px.get(),
            OVERSCAN,
            len.get(),
        )
    });
    // Reads the scroll offset, the viewport and the height of a drawn row from the DOM.
    let measure = move || {
        let Some(el) = scroller.get_untracked() else {
            return;
        };
        let el: &web_sys::Element = el.as_ref();
        // The head row scrolls with the body; offsets are from the first body row.
        let head = el
            .query_selector("thead")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
            .map(|h| h.offset_height() as f64)
            .unwrap_or(0.0);
        let top = (el.scroll_top() as f64 - head).max(0.0);
        let view = (el.client_height() as f64 - head).max(0.0);
        if (scroll_top.get_untracked() - top).abs() >= 1.0 {
            scroll_top.set(top);
        }
        if view > 0.0 && (viewport.get_untracked() - view).abs() >= 1.0 {
            viewport.set(view);
        }
        let drawn = el
            .query_selector("tbody > tr:not(.vspacer)")
            .ok()
            .flatten()
            .map(|r| r.get_bounding_client_rect().height())
            .unwrap_or(0.0);
        if drawn > 0.0 && (row_px.get_untracked() - drawn).abs() >= 0.5 {
            row_px.set(drawn);
        }
    };
    // Measure once drawn and whenever the number of rows changes (a filter, an import): the
    // browser clamps the offset when the list gets shorter.
    Effect::new(move |_| {
        len.track();
        scroller.track();
        request_animation_frame(measure);
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let spacer_top = move || list_window::spacers(&range.get(), len.get(), row_px.get()).0;
    let spacer_bottom = move || list_window::spacers(&range.get(), len.get(), row_px.get()).1;
    let rows = move || window(range.get());
    view! {
        <div class="vscroll" id=id node_ref=scroller tabindex="0" role="region"
            aria-label=move || label.get()
            style=("--vrow-h", format!("{row_rem}rem"))
            data-rows-total=move || len.get()
            data-rows-rendered=move || range.with(|r| r.len())
            data-rows-first=move || range.with(|r| r.start)
            on:scroll=move |_| measure()>
            <table class=format!("table vtable {table_class}") id=table_id>
                {children()}
                <tbody>
                    <tr class="vspacer" aria-hidden="true">
                        <td colspan=columns style:height=move || format!("{}px", spacer_top())></td>
                    </tr>
                    <For each=rows key=key children=row />
                    <tr class="vspacer" aria-hidden="true">
                        <td colspan=columns style:height=move || format!("{}px", spacer_bottom())></td>
                    </tr>
                </tbody>
            </table>
        </div>
        <p class="vcount hint" id=format!("{id}-count")>
            {t!(i18n, vl_rows_before)} <span class="vcount-n">{move || len.get()}</span> {t!(i18n, vl_rows_after)}
        </p>
    }
}

/// Runs a list filter between the marks of a `parkdesk:filter` performance measure, which the
/// benchmark reads (`performance.getEntriesByName('parkdesk:filter')`).
pub fn filter_timed<R>(apply: impl FnOnce() -> R) -> R {
    const START: &str = "parkdesk:filter:start";
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &perf {
        let _ = p.mark(START);
    }
    let out = apply();
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark("parkdesk:filter", START);
        p.clear_marks_with_mark_name(START);
    }
    out
}
