/// What a terminal can show, decided by the caller (usually from the environment).
public struct TerminalCapabilities: Equatable, Sendable {
    /// How colours and characters are drawn, best first.
    public enum ColorLevel: Equatable, Sendable {
        /// 24-bit colour escapes and Unicode (braille, half blocks).
        case trueColor
        /// xterm's 256-colour palette and Unicode.
        case palette256
        /// Unicode without colour (`NO_COLOR`): braille lines, shade characters for images.
        case monochrome
        /// Plain ASCII, no escapes at all (dumb terminals, pipes).
        case ascii
    }

    /// Inline image protocols; escapes are only generated when one is set here.
    public enum InlineImages: Equatable, Sendable {
        case none, kitty, iTerm2
    }

    public var color: ColorLevel
    public var inlineImages: InlineImages

    public init(color: ColorLevel, inlineImages: InlineImages = .none) {
        self.color = color
        self.inlineImages = inlineImages
    }

    /// Capabilities from environment variables: `NO_COLOR` (any value) turns colour off,
    /// `TERM=dumb` or no `TERM` means ASCII, `COLORTERM=truecolor|24bit` means 24-bit
    /// colour, otherwise the 256-colour palette. Inline images are proposed (kitty from
    /// `TERM=xterm-kitty`/`KITTY_WINDOW_ID`, iTerm2 from `TERM_PROGRAM=iTerm.app|WezTerm`)
    /// only when `allowInlineImages` is true.
    public static func detect(environment env: [String: String], allowInlineImages: Bool = false) -> TerminalCapabilities {
        let term = env["TERM"] ?? ""
        var level: ColorLevel
        if term.isEmpty || term == "dumb" {
            level = .ascii
        } else if env["NO_COLOR"] != nil {
            level = .monochrome
        } else if let ct = env["COLORTERM"]?.lowercased(), ct == "truecolor" || ct == "24bit" {
            level = .trueColor
        } else {
            level = .palette256
        }
        var inline = InlineImages.none
        if allowInlineImages && level != .ascii {
            if term == "xterm-kitty" || env["KITTY_WINDOW_ID"] != nil {
                inline = .kitty
            } else if let p = env["TERM_PROGRAM"], p == "iTerm.app" || p == "WezTerm" {
                inline = .iTerm2
            }
        }
        return TerminalCapabilities(color: level, inlineImages: inline)
    }
}
