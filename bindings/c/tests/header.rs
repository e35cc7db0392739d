//! The committed header `include/nangsuat.h` is what cbindgen generates from the code now, and
//! its version macros equal the crate version. Regenerate with
//! `NANGSUAT_UPDATE_HEADER=1 cargo test -p nangsuat-c --test header`.

use std::path::PathBuf;

fn generate() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let version = env!("CARGO_PKG_VERSION");
    let mut parts = version
        .split('.')
        .map(|p| p.parse::<u32>().expect("numeric version"));
    let (major, minor, patch) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    config.after_includes = Some(format!(
        "\n/* The version of the library this header describes; compare with ns_version(). */\n\
         #define NANGSUAT_VERSION \"{version}\"\n\
         #define NANGSUAT_VERSION_MAJOR {major}\n\
         #define NANGSUAT_VERSION_MINOR {minor}\n\
         #define NANGSUAT_VERSION_PATCH {patch}\n"
    ));
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut out);
    String::from_utf8(out).expect("UTF-8 header")
}

#[test]
fn committed_header_matches_the_code() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("include/nangsuat.h");
    let fresh = generate();
    if std::env::var_os("NANGSUAT_UPDATE_HEADER").is_some() {
        std::fs::write(&path, &fresh).expect("write the header");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "include/nangsuat.h is out of date: run NANGSUAT_UPDATE_HEADER=1 cargo test -p nangsuat-c --test header"
    );
}

#[test]
fn header_version_is_the_crate_version() {
    let header = generate();
    let line = format!("#define NANGSUAT_VERSION \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(header.contains(&line));
    // The C tests check that ns_version() returns the same string.
}
