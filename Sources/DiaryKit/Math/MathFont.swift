import Foundation

/// Latin Modern Math, copied into the site when the machine rendering it has the font
/// (Debian's fonts-lmodern), so pages show math the same without any installed math font.
public struct MathFont: Sendable {
    /// Where the site serves it from, relative to the site's root.
    public static let sitePath = "assets/fonts/latinmodern-math.otf"
    static let licensePath = "assets/fonts/GUST-FONT-LICENSE.txt"

    public let font: [UInt8]
    /// The GUST Font License that ships with it, when present.
    public let license: [UInt8]?

    /// Debian's (and a few other systems') install locations.
    public static let candidates = [
        "/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf",
        "/usr/share/fonts/opentype/lm-math/latinmodern-math.otf",
        "/usr/share/fonts/OTF/latinmodern-math.otf",
        "/usr/local/share/fonts/latinmodern-math.otf",
        "/Library/Fonts/latinmodern-math.otf",
    ]
    static let licenseCandidates = [
        "/usr/share/texmf/doc/fonts/lm-math/GUST-FONT-LICENSE.txt",
        "/usr/share/doc/fonts-lmodern/GUST-FONT-LICENSE.txt",
    ]

    /// The first installed copy, or nil.
    public static func find(in paths: [String] = candidates) -> MathFont? {
        for path in paths {
            if let font = FileBytes.read(path)?.bytes {
                let license = licenseCandidates.lazy.compactMap { FileBytes.read($0)?.bytes }.first
                return MathFont(font: font, license: license)
            }
        }
        return nil
    }
}
