//! On wasm32 this mounts the Yew app; natively it is the command-line runner.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(all(target_arch = "wasm32", not(feature = "web")))]
compile_error!("the page needs the `web` feature (on by default)");

#[cfg(all(target_arch = "wasm32", feature = "web"))]
fn main() {
    dns_race::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}
