#[cfg(target_arch = "wasm32")]
fn main() {
    parkdesk::ui::start();
}

/// The app runs only in the browser; native builds exist for the domain tests.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ParkDesk runs in the browser: build it with `trunk build` (see README.md).");
}
