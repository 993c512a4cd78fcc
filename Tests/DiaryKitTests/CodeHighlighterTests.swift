import Testing
@testable import DiaryKit

/// Build-time highlighting of fenced code: exact output per language, aliases, and the
/// round trip (tags removed and entities decoded give back the code) on hostile inputs.
@Suite struct CodeHighlighterTests {
    /// Every language name and alias the highlighter knows.
    static let languages = ["python", "py", "python3", "bash", "sh", "shell", "zsh", "json", "jsonc", "yaml", "yml", "swift",
                            "c", "cpp", "c++", "cc", "h", "hpp", "cxx", "cuda", "cu", "javascript", "js", "mjs", "cjs",
                            "typescript", "ts", "sql"]

    /// Inputs that end scans early or late: unterminated strings and comments, lone quotes
    /// and delimiters, non-ASCII text, CRLF, tabs, empty input.
    static let nastyInputs = [
        "", " ", "\n", "\r\n", "\t", "\"", "'", "`", "\"\"\"", "'''", "\"\"\"\"", "/*", "*/", "/", "#", "//", "--", "-", "- ",
        ":", ": ", "\\", "\\\"", "\\'", "$", "${", "$(", "$'", "$\"", "@", "@x.", "#\"", "##\"abc", "#\"\"\"\nx",
        "########\"", "0x", "0x_", "1e", "1e+", "1.", ".5", "1..<5", "1'000", "1'", "-1", "--1", "1_", "é(", "\\é(", "é",
        "日本語(x) # 注釈", "🙂(\"🙂\")", "a\u{0}b", "x\r\ny\r\n", "\t\tif x:\r\n\t\treturn 'a\r\nb'",
        "<script>alert(\"x\")</script>", "a & b < c > d \"e\" &amp;", "'it''s'", "\"unterminated\nnext\"",
        "a#b $# ${#x} ${a:-${b}} # c", "10u 1L 1e-5f 0b1010 1_000.5 .5e3 0o17 2j 10n", "@MainActor func f() {}",
        "#include <stdio.h\n# define X 1", "---\n...\n", "- - a: [1, {b: 'c'", "|", "|-\n  text\n x: >2 # c\n",
        "<<EOF\nbody\nEOF", "cat <<-'X' <<Y\n\tline\n\tX\ny\nY\n", "<<", "<<<", "<<-", "\"\\(\"", "\"\\(\"\\(\")\"",
        "`${`", "`${'`'}`", "\"$(\"", "\"$(\")\"", "f'{x['a']}'", "r'\\'", "rb\"\\\"", "/* /* */", "/* a */ */",
        "key: \"a\\\"", "key: 'a''", "{\"a\"", "{\"a\": ", "[\"a\" : ", "? x\n: y", "& * !", "&a *b !!str x",
        "x: |\n\n\n", "x: >\n  a\n\tb\n  #c\nd: 1", "#!/bin/sh\n", "u8\"", "L'", "R\"(a)\"", "$$", "`", "/*/",
        String(repeating: "\\", count: 7), String(repeating: "(", count: 50), String(repeating: "{", count: 50),
    ]

    /// The highlighted HTML, or "nil" for an unknown language.
    private func html(_ code: String, _ language: String) -> String { CodeHighlighter.html(code, language: language) ?? "nil" }

    private func span(_ kind: String, _ text: String) -> String { "<span class=\"hl-\(kind)\">\(text)</span>" }
    private func kw(_ text: String) -> String { span("kw", text) }
    private func ty(_ text: String) -> String { span("ty", text) }
    private func str(_ text: String) -> String { span("str", text) }
    private func num(_ text: String) -> String { span("num", text) }
    private func com(_ text: String) -> String { span("com", text) }
    private func fn(_ text: String) -> String { span("fn", text) }
    private func lit(_ text: String) -> String { span("lit", text) }
    private func key(_ text: String) -> String { span("key", text) }
    private func variable(_ text: String) -> String { span("var", text) }

    /// The UTF-8 of highlighted HTML's text: tags removed, entities decoded; nil when the
    /// spans are not flat, balanced and of a known class, or a stray `<`, `>`, `"` or `&` appears.
    static func plainText(_ html: String) -> [UInt8]? {
        let bytes = Array(html.utf8)
        let openTag = Array("<span class=\"".utf8), closeTag = Array("</span>".utf8)
        let classes: Set<[UInt8]> = Set(["kw", "ty", "str", "num", "com", "fn", "lit", "key", "var"].map { Array("hl-\($0)\">".utf8) })
        let entities: [([UInt8], UInt8)] = [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\"")].map { (Array($0.0.utf8), UInt8(ascii: $0.1)) }
        func starts(_ pattern: [UInt8], at index: Int) -> Bool {
            index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
        }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var open = false
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "<"):
                if starts(closeTag, at: index), open {
                    open = false
                    index += closeTag.count
                } else if starts(openTag, at: index), !open,
                          let name = classes.first(where: { starts($0, at: index + openTag.count) }) {
                    open = true
                    index += openTag.count + name.count
                } else {
                    return nil
                }
            case UInt8(ascii: "&"):
                guard let entity = entities.first(where: { starts($0.0, at: index) }) else { return nil }
                text.append(entity.1)
                index += entity.0.count
            case UInt8(ascii: ">"), UInt8(ascii: "\""):
                return nil
            default:
                text.append(bytes[index])
                index += 1
            }
        }
        return open ? nil : text
    }

    // MARK: Languages

    @Test func python() {
        #expect(html("def f(x): return 1e-5  # eps", "python")
            == "<span class=\"hl-kw\">def</span> <span class=\"hl-fn\">f</span>(x): <span class=\"hl-kw\">return</span> <span class=\"hl-num\">1e-5</span>  <span class=\"hl-com\"># eps</span>")
        #expect(html("x = f\"{a['b']}\" + r'\\d' + \"\"\"doc\n\"more\" \"\"\"", "python")
            == "x = " + str("f&quot;{a['b']}&quot;") + " + " + str("r'\\d'") + " + " + str("&quot;&quot;&quot;doc\n&quot;more&quot; &quot;&quot;&quot;"))
        // Decorators are calls, so `hl-fn`; only at line start (`a @ b` is a product).
        #expect(html("@torch.no_grad()\ndef g(self) -> None:\n    return int(True) @ b", "python")
            == fn("@torch.no_grad") + "()\n" + kw("def") + " " + fn("g") + "(self) -&gt; " + lit("None") + ":\n    "
            + kw("return") + " " + ty("int") + "(" + lit("True") + ") @ b")
        #expect(html("np.float32(1) + x.type + 0x1F + 1_000 + 3.14 + 1. + 2j", "python")
            == "np." + fn("float32") + "(" + num("1") + ") + x.type + " + num("0x1F") + " + " + num("1_000") + " + " + num("3.14")
            + " + " + num("1.") + " + " + num("2j"))
        // Unterminated: a single-quoted string ends with its line, a triple-quoted one with the code.
        #expect(html("s = \"abc\nt = 1", "python") == "s = " + str("&quot;abc") + "\nt = " + num("1"))
        #expect(html("'''abc\ndef", "python") == str("'''abc\ndef"))
    }

    @Test func bash() {
        #expect(html("# setup\necho \"$HOME\" 'a\\' $1 ${x:-y} a#b $# # end", "bash")
            == com("# setup") + "\n" + ty("echo") + " " + str("&quot;$HOME&quot;") + " " + str("'a\\'") + " " + variable("$1") + " "
            + variable("${x:-y}") + " a#b " + variable("$#") + " " + com("# end"))
        #expect(html("if [ -f x ]; then apt-get install -y; fi", "bash")
            == kw("if") + " [ -f x ]; " + kw("then") + " apt-get install -y; " + kw("fi"))
        #expect(html("cat <<EOF > out.txt\nlr: $LR\nEOF\necho ok", "bash")
            == "cat &lt;&lt;EOF &gt; out.txt\n" + str("lr: $LR\n") + "EOF\n" + ty("echo") + " ok")
        #expect(html("echo \\\"not a string\\\" \"$(date \"+%F\")\"", "bash")
            == ty("echo") + " \\&quot;not a string\\&quot; " + str("&quot;$(date &quot;+%F&quot;)&quot;"))
        #expect(html("train() { python3 train.py --lr=1e-3; }", "bash")
            == fn("train") + "() { python3 train.py --lr=" + num("1e-3") + "; }")
    }

    @Test func json() {
        #expect(html("{\"lr\": 1e-3, \"name\": \"run \\\"a\\\"\", \"ok\": true, \"x\": null, \"n\": -2}", "json")
            == "{" + key("&quot;lr&quot;") + ": " + num("1e-3") + ", " + key("&quot;name&quot;") + ": " + str("&quot;run \\&quot;a\\&quot;&quot;")
            + ", " + key("&quot;ok&quot;") + ": " + lit("true") + ", " + key("&quot;x&quot;") + ": " + lit("null") + ", "
            + key("&quot;n&quot;") + ": " + num("-2") + "}")
        #expect(html("// c\n[1, /* x */ 2]", "jsonc") == com("// c") + "\n[" + num("1") + ", " + com("/* x */") + " " + num("2") + "]")
        #expect(html("{\"a\" : [true, \"b\"]}", "json") == "{" + key("&quot;a&quot;") + " : [" + lit("true") + ", " + str("&quot;b&quot;") + "]}")
    }

    @Test func yaml() {
        #expect(html("model:\n  name: resnet-50  # backbone\n  lr: 3e-4\n  layers: [1, 2, {a: b}]\n  pretrained: true\n  dropout: ~", "yaml")
            == key("model") + ":\n  " + key("name") + ": resnet-50  " + com("# backbone") + "\n  " + key("lr") + ": " + num("3e-4") + "\n  "
            + key("layers") + ": [" + num("1") + ", " + num("2") + ", {" + key("a") + ": b}]\n  " + key("pretrained") + ": "
            + lit("true") + "\n  " + key("dropout") + ": " + lit("~"))
        #expect(html("- name: \"a # b\"\n  value: 'it''s'\n- -1\n- 'x': y", "yaml")
            == "- " + key("name") + ": " + str("&quot;a # b&quot;") + "\n  " + key("value") + ": " + str("'it''s'") + "\n- " + num("-1")
            + "\n- " + key("'x'") + ": y")
        // A block scalar's lines are a string, `#` included, up to a line indented no deeper than its key.
        #expect(html("run: |\n  echo # not a comment\n\n  done\nnext: 1", "yml")
            == key("run") + ": |\n  " + str("echo # not a comment") + "\n\n  " + str("done") + "\n" + key("next") + ": " + num("1"))
        #expect(html("url: http://x.org/a#frag", "yaml") == key("url") + ": http://x.org/a#frag")
        // PyYAML reads `no` as false; a version or a date is no number.
        #expect(html("---\nenabled: no\nversion: 1.2.3\ndate: 2024-01-01\nsteps:\n  - run: >-\n      a\n    b: .inf", "yaml")
            == "---\n" + key("enabled") + ": " + lit("no") + "\n" + key("version") + ": 1.2.3\n" + key("date") + ": 2024-01-01\n"
            + key("steps") + ":\n  - " + key("run") + ": &gt;-\n      " + str("a") + "\n    " + key("b") + ": " + num(".inf"))
    }

    @Test func swift() {
        #expect(html("@MainActor func f(_ x: Int) -> String? { return nil }", "swift")
            == kw("@MainActor") + " " + kw("func") + " " + fn("f") + "(_ x: " + ty("Int") + ") -&gt; " + ty("String") + "? { "
            + kw("return") + " " + lit("nil") + " }")
        // An interpolation's own quotes do not end the string.
        #expect(html("let s = \"a\\(b[\"k\"])c\" // note", "swift")
            == kw("let") + " s = " + str("&quot;a\\(b[&quot;k&quot;])c&quot;") + " " + com("// note"))
        #expect(html("#if DEBUG\nlet r = #\"raw \\n \"quote\"\"#\n#endif", "swift")
            == kw("#if") + " DEBUG\n" + kw("let") + " r = " + str("#&quot;raw \\n &quot;quote&quot;&quot;#") + "\n" + kw("#endif"))
        #expect(html("/* a /* b */ c */ x", "swift") == com("/* a /* b */ c */") + " x")
        #expect(html("1_000 0xFF 1.5e-3 1...5", "swift")
            == num("1_000") + " " + num("0xFF") + " " + num("1.5e-3") + " " + num("1") + "..." + num("5"))
    }

    @Test func c() {
        #expect(html("#include <stdio.h>\nint main(void) { return 0; }", "c")
            == kw("#include") + " " + str("&lt;stdio.h&gt;") + "\n" + ty("int") + " " + fn("main") + "(" + ty("void") + ") { "
            + kw("return") + " " + num("0") + "; }")
        #expect(html("char c = '\\''; /* x */ float f = 1e-5f; unsigned u = 10u; long l = 1L;", "c")
            == ty("char") + " c = " + str("'\\''") + "; " + com("/* x */") + " " + ty("float") + " f = " + num("1e-5f") + "; "
            + ty("unsigned") + " u = " + num("10u") + "; " + ty("long") + " l = " + num("1L") + ";")
        #expect(html("  #  define N 10 // n\np = NULL; q = a #b;", "c")
            == "  " + kw("#  define") + " N " + num("10") + " " + com("// n") + "\np = " + lit("NULL") + "; q = a #b;")
    }

    @Test func cpp() {
        #expect(html("template <typename T> class A : public B {};", "cpp")
            == kw("template") + " &lt;" + kw("typename") + " T&gt; " + kw("class") + " A : " + kw("public") + " B {};")
        #expect(html("__global__ void k(float* x) { x[threadIdx.x] = 1'000; }", "cuda")
            == kw("__global__") + " " + ty("void") + " " + fn("k") + "(" + ty("float") + "* x) { x[threadIdx.x] = " + num("1'000") + "; }")
        #expect(html("auto p = nullptr; std::vector<int> v; auto s = u8\"é\";", "c++")
            == kw("auto") + " p = " + lit("nullptr") + "; std::vector&lt;" + ty("int") + "&gt; v; " + kw("auto") + " s = "
            + str("u8&quot;é&quot;") + ";")
    }

    @Test func javascript() {
        #expect(html("const f = async (x) => await fetch(`/api/${x}?q=${\"`\"}`); // get", "js")
            == kw("const") + " f = " + kw("async") + " (x) =&gt; " + kw("await") + " " + fn("fetch") + "("
            + str("`/api/${x}?q=${&quot;`&quot;}`") + "); " + com("// get"))
        #expect(html("let $el = null, n = 10n, u = undefined; obj.default = true;", "javascript")
            == kw("let") + " $el = " + lit("null") + ", n = " + num("10n") + ", u = " + lit("undefined") + "; obj.default = "
            + lit("true") + ";")
        #expect(html("/* a */ \"it's\" 'say \"hi\"'", "mjs")
            == com("/* a */") + " " + str("&quot;it's&quot;") + " " + str("'say &quot;hi&quot;'"))
    }

    @Test func typescript() {
        #expect(html("interface P { name: string; n?: number }", "ts")
            == kw("interface") + " P { name: " + ty("string") + "; n?: " + ty("number") + " }")
        #expect(html("@Component() class C implements I {}", "typescript")
            == fn("@Component") + "() " + kw("class") + " C " + kw("implements") + " I {}")
        #expect(html("type X = keyof T; const y = x as unknown;", "ts")
            == kw("type") + " X = " + kw("keyof") + " T; " + kw("const") + " y = x " + kw("as") + " " + ty("unknown") + ";")
    }

    @Test func sql() {
        #expect(html("SELECT name, COUNT(*) FROM runs WHERE lr < 1e-3 -- fast", "sql")
            == kw("SELECT") + " name, " + fn("COUNT") + "(*) " + kw("FROM") + " runs " + kw("WHERE") + " lr &lt; " + num("1e-3")
            + " " + com("-- fast"))
        // A quoted identifier is kept whole (no comment inside) but not coloured.
        #expect(html("select 'it''s', \"col--x\" from t where x is not null;", "sql")
            == kw("select") + " " + str("'it''s'") + ", &quot;col--x&quot; " + kw("from") + " t " + kw("where") + " x " + kw("is") + " "
            + kw("not") + " " + lit("null") + ";")
        #expect(html("CREATE TABLE t (id INTEGER PRIMARY KEY, v Real DEFAULT TRUE); /* c */", "sql")
            == kw("CREATE") + " " + kw("TABLE") + " t (id " + ty("INTEGER") + " " + kw("PRIMARY") + " " + kw("KEY") + ", v " + ty("Real")
            + " " + kw("DEFAULT") + " " + lit("TRUE") + "); " + com("/* c */"))
    }

    // MARK: Names

    @Test func unknownLanguageIsNil() {
        #expect(CodeHighlighter.html("x = 1", language: "brainfuck") == nil)
        #expect(CodeHighlighter.html("x = 1", language: "") == nil)
        #expect(CodeHighlighter.html("$ ls", language: "console") == nil)
        #expect(CodeHighlighter.html("<A />", language: "tsx") == nil)
        #expect(CodeHighlighter.html("x", language: "pythonic") == nil)
    }

    @Test func aliasesAndCaseGiveTheSameOutput() {
        let samples = [
            "python": "def f(x): return None # c", "bash": "echo $HOME # c", "json": "{\"a\": true}", "yaml": "a: true # c",
            "cpp": "class A { int f(); };", "javascript": "let x = `a${b}`; // c", "typescript": "let x: string = null;",
            "swift": "let x: Int = nil", "c": "int x = NULL;", "sql": "SELECT 1; -- c",
        ]
        let aliases = [
            "python": ["py", "python3", "Python", "PY", "PYTHON3"], "bash": ["sh", "shell", "zsh", "Bash", "SH"],
            "json": ["jsonc", "JSON"], "yaml": ["yml", "YAML", "Yml"],
            "cpp": ["c++", "cc", "h", "hpp", "cxx", "cuda", "cu", "CPP", "C++", "HPP"],
            "javascript": ["js", "mjs", "cjs", "JavaScript", "JS"], "typescript": ["ts", "TypeScript", "TS"],
            "swift": ["Swift", "SWIFT"], "c": ["C"], "sql": ["SQL", "Sql"],
        ]
        for (language, code) in samples {
            let expected = html(code, language)
            #expect(expected != "nil" && expected.contains("<span"), "\(language)")
            for alias in aliases[language] ?? [] {
                #expect(html(code, alias) == expected, "\(alias)")
            }
        }
        // Only the info string's first word names the language.
        #expect(html("None", " python title=x") == lit("None"))
    }

    // MARK: Safety

    @Test func markupInCodeIsEscaped() {
        for language in Self.languages {
            let out = html("<script>alert(\"x\")</script> & \"q\"", language)
            #expect(!out.contains("<script") && !out.contains("</script"), "\(language)")
            #expect(out.contains("&lt;script&gt;") && out.contains("&amp;"), "\(language)")
        }
    }

    @Test func everyCharacterComesBack() {
        let inputs = Self.nastyInputs + [Self.nastyInputs.joined(separator: "\n"), Self.nastyInputs.joined(),
                                          Self.nastyInputs.reversed().joined(separator: " ")]
        for language in Self.languages {
            for input in inputs {
                let out = CodeHighlighter.html(input, language: language)
                #expect(out.flatMap(Self.plainText) == Array(input.utf8), "\(language): \(input.debugDescription)")
            }
        }
    }

    @Test func longInputIsScannedWhole() {
        let line = "x = f\"{a['b']}\" # é <tag> \\\"1e-5 /* ''' `${ \"\\( $(x - a: [b, {c: 'd'}] #\"\"\" <<EOF |\r\n"
        let long = String(repeating: line, count: 200_000 / line.utf8.count + 1)
        // Single lines of one repeated opener stress lookaheads that might restart.
        let runs = [String(repeating: "#", count: 50_000), String(repeating: "| ", count: 25_000),
                    String(repeating: "\\(", count: 25_000), String(repeating: "1.", count: 25_000)]
        // One name per grammar: aliases share them.
        for language in ["python", "bash", "json", "yaml", "swift", "c", "cpp", "javascript", "typescript", "sql"] {
            for input in [long] + runs {
                let out = CodeHighlighter.html(input, language: language)
                #expect(out.flatMap(Self.plainText) == Array(input.utf8), "\(language)")
            }
        }
    }
}
