// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]
let fast: [SwiftSetting] = strict + [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))]

let package = Package(
    name: "cnb",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "cnb", targets: ["cnb"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // Tensors: storage, shapes, views, dtypes, kernels, autograd, conv, RNG, printing.
        .target(name: "Tensors", dependencies: ["CKernels"], swiftSettings: fast),
        // CKernels: SGEMM micro-kernels in C (AVX-512 and AVX2, chosen at run time).
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),
        // Language: source text, spans, tokens, lexer, AST, parser, diagnostics.
        .target(name: "Language", swiftSettings: strict),
        // Interpreter: values, resolver, evaluator, builtins, torch / mxnet / d2l modules.
        .target(name: "Interpreter", dependencies: ["Language", "Tensors", "Pictures"], swiftSettings: fast),
        // CZlib: Debian's zlib, for the PNG writer.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Pictures: figures, a rasteriser with its own bitmap font, PNG encoding, terminal rendering.
        .target(name: "Pictures", dependencies: ["CZlib"], swiftSettings: fast),
        // Notebook: .cnb parse/format, runner, checker, transcript writers.
        .target(name: "Notebook", dependencies: ["Interpreter", .product(name: "Yams", package: "Yams")],
                swiftSettings: strict),
        // CLibEdit: libedit's native API with fixed-arity shims for its variadic calls.
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // LineEditor: the LineReader protocol, a libedit reader for terminals, a plain one for pipes.
        .target(name: "LineEditor", dependencies: ["CLibEdit"], swiftSettings: strict),
        // Frontend: commands (repl, run, check, convert), terminal, colour, files, exit codes.
        .target(name: "Frontend",
                dependencies: ["Notebook", "LineEditor", "Pictures", .product(name: "ArgumentParser", package: "swift-argument-parser")],
                swiftSettings: strict),
        .executableTarget(name: "cnb", dependencies: ["Frontend"], swiftSettings: strict),

        .testTarget(name: "TensorsTests", dependencies: ["Tensors"], swiftSettings: strict),
        .testTarget(name: "LanguageTests", dependencies: ["Language"], swiftSettings: strict),
        .testTarget(name: "InterpreterTests", dependencies: ["Interpreter"], swiftSettings: strict),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"], swiftSettings: strict),
        .testTarget(name: "PicturesTests", dependencies: ["Pictures"], swiftSettings: strict),
        .testTarget(name: "FrontendTests", dependencies: ["Frontend"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: [], swiftSettings: strict),
    ]
)
