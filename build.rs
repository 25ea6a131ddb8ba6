//! Places the code the console runs at start-up together at the front of the program, so
//! the kernel maps in about 1 MB of it rather than nearly all 3 MB (benches/code-order.sh
//! writes the list; BENCHMARKS.md has the figures).
//!
//! Only for release builds on x86-64 Linux, where Rust links with its own LLD (the default
//! since Rust 1.90) which reads such a list. Other linkers (GNU ld on ARM64 and
//! LoongArch, MSVC's on Windows) do not know the option, so they link as before. Names the
//! list has and the program does not are passed over without a word.

fn main() {
    println!("cargo:rerun-if-changed=benches/code-order.txt");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let release = var("PROFILE") == "release";
    let lld_target = var("TARGET") == "x86_64-unknown-linux-gnu";
    if !(release && lld_target) {
        return;
    }
    let list = std::path::Path::new(&var("CARGO_MANIFEST_DIR")).join("benches/code-order.txt");
    if list.is_file() {
        println!(
            "cargo:rustc-link-arg-bin=shuze=-Wl,--symbol-ordering-file={}",
            list.display()
        );
        println!("cargo:rustc-link-arg-bin=shuze=-Wl,--no-warn-symbol-ordering");
    }
}
