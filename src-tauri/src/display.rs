//! Telling a person without a graphical session what to do instead.

/// Ok when a window can be shown. On Linux and the BSDs that needs an X11 or Wayland display.
pub fn check() -> Result<(), String> {
    if !cfg!(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd")) {
        return Ok(());
    }
    let has = |var: &str| std::env::var_os(var).is_some_and(|v| !v.is_empty());
    if has("DISPLAY") || has("WAYLAND_DISPLAY") {
        return Ok(());
    }
    Err("Redress cannot open its window: this session has no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set).\n\
         Everything Redress does is also available from the command line, for example:\n\
         \x20 cargo run -q -p redress-cli -- vendors --search kaspr\n\
         \x20 cargo run -q -p redress-cli -- vendor show kaspr\n\
         \x20 cargo run -q -p redress-cli -- --help"
        .to_owned())
}
