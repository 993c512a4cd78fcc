import Foundation
import Testing

/// Oracle cases (PyTorch and Keras) written as calc source and run through the `diary`
/// binary: the notebook language computes what the frameworks compute.
@Suite struct OracleCalcTests {
    static func oracleCase(_ id: String) throws -> [String: Any] {
        let url = CLI.packageRoot.appendingPathComponent("Tests/DiaryMathTests/Oracle/cases.json")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let cases = try #require(document?["cases"] as? [[String: Any]])
        return try #require(cases.first { $0["id"] as? String == id })
    }

    /// A nested JSON list as a calc literal.
    static func literal(_ json: Any?) -> String {
        if let list = json as? [Any] { return "[" + list.map(literal).joined(separator: ", ") + "]" }
        if let number = json as? Double { return "\(number)" }
        if let number = json as? Int { return "\(number)" }
        return "None"
    }

    static func flat(_ json: Any?) -> [Double] {
        if let list = json as? [Any] { return list.flatMap(flat) }
        if let number = json as? Double { return [number] }
        if let number = json as? Int { return [Double(number)] }
        return []
    }

    /// Runs `source` with `diary eval` at 15 decimals; one vector per printed line.
    static func evaluate(_ source: String) throws -> [[Double]] {
        let space = try Workspace(["diary.yml": "digits: 15\n"])
        let result = try CLI.run(["eval", source], in: space.url)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map { line in
            line.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").compactMap {
                Double($0.trimmingCharacters(in: .whitespaces))
            }
        }
    }

    static func expectClose(_ actual: [Double], _ expected: [Double], _ what: String, rtol: Double = 1e-9, atol: Double = 1e-12) {
        #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)")
        for (a, e) in zip(actual, expected) where !(abs(a - e) <= atol + rtol * abs(e)) {
            Issue.record("\(what): \(a) vs \(e)")
            return
        }
    }

    @Test(arguments: ["torch.bn1d.sequence.K5.m8.mom0.1", "torch.bn1d.sequence.K5.m8.mom0.3",
                      "torch.bn1d.sequence.K5.m8.momNone", "torch.bn2d.sequence.K3.2x3x2x2.momNone",
                      "keras3.bn.sequence.K5.m8.mom0.9", "keras3.bn2d.nhwc.2x4x5x3"])
    func sequence(_ id: String) throws {
        let c = try Self.oracleCase(id)
        let params = try #require(c["params"] as? [String: Any])
        let steps = try #require(c["steps"] as? [[String: Any]])
        let train = steps.filter { $0["mode"] as? String == "train" }
        let eval = steps.filter { $0["mode"] as? String == "eval" }
        let axis = try #require(c["channel_axis"] as? Int)
        let features = try #require((c["running_mean_init"] as? [Any])?.count)
        let eps = try #require(params["eps"] as? Double)
        let update: String
        switch params["momentum_convention"] as? String {
        case "cumulative_average": update = "cumulative = true"
        case "torch": update = "beta = \(1 - (try #require(params["momentum"] as? Double)))"
        default: update = "beta = \(1 - (try #require(params["update_factor"] as? Double)))"
        }
        let unbiased = (params["running_var_uses"] as? String)?.hasPrefix("unbiased") == true
        let gamma = c["gamma"] is [Any] ? Self.literal(c["gamma"]) : "1"
        let beta = c["beta"] is [Any] ? Self.literal(c["beta"]) : "0"
        let axisArgument = axis == 1 ? "" : ", axis = -1"
        var source = """
        g = \(gamma); b = \(beta); eps = \(eps)
        batches = [\(train.map { Self.literal($0["x"]) }.joined(separator: ", "))]
        t = running_stats(batches, \(update), unbiased = \(unbiased), init_mean = \(Self.literal(c["running_mean_init"])), init_var = \(Self.literal(c["running_var_init"]))\(axisArgument))
        rm = t["running_mean"][-\(features):]
        rv = t["running_var"][-\(features):]
        print(rm); print(rv)
        print(flatten(batchnorm(batches[0], gamma = g, beta = b, eps = eps\(axisArgument))))
        """
        for step in eval {
            source += "\nprint(flatten(normalize(\(Self.literal(step["x"])), rm, rv, gamma = g, beta = b, eps = eps)))"
        }
        let lines = try Self.evaluate(source)
        try #require(lines.count == 3 + eval.count)
        let last = try #require(train.last?["expected"] as? [String: Any])
        let first = try #require(train.first?["expected"] as? [String: Any])
        Self.expectClose(lines[0], Self.flat(last["running_mean"]), "\(id) running_mean")
        Self.expectClose(lines[1], Self.flat(last["running_var"]), "\(id) running_var")
        Self.expectClose(lines[2], Self.flat(first["y"]), "\(id) first training y")
        for (index, step) in eval.enumerated() {
            let expected = try #require(step["expected"] as? [String: Any])
            Self.expectClose(lines[3 + index], Self.flat(expected["y"]), "\(id) eval y \(index)")
        }
    }

    @Test func evalPrintsValuesAndTables() throws {
        let space = try Workspace()
        #expect(try CLI.run(["eval", "mean([1, 2, 3.5])"], in: space.url).stdout == "2.1667\n")
        #expect(try CLI.run(["eval", "DAY_SINCE_2025_08_18", "--today", "2026-11-26"], in: space.url).stdout == "465\n")
        #expect(try CLI.run(["eval", "[1, 2.5, 3]"], in: space.url).stdout == "[1, 2.5, 3]\n")
        let table = try CLI.run(["eval", "running_stats([[1, 2, 3, 4], [2, 3, 4, 5]])"], in: space.url)
        #expect(table.stdout == """
        step  batch_mean  batch_var  running_mean  running_var
        ----  ----------  ---------  ------------  -----------
           1      2.5000     1.2500        0.2500       0.1250
           2      3.5000     1.2500        0.5750       0.2375

        """)
        let failure = try CLI.run(["eval", "maen([1])"], in: space.url)
        #expect(failure.status == 1)
        #expect(failure.stderr == "<eval>:1:1: error: unknown function 'maen'; did you mean 'mean'?\nmaen([1])\n^~~~\n")
    }

    @Test func checkAndKeepGoing() throws {
        let space = try Workspace(["notes/good.md": "```calc\n1 + 1\n```\n", "notes/bad.md": "# Bad\n\n```calc\nx = [1, 2] + [1, 2, 3]\n```\n"])
        let check = try CLI.run(["check", "notes"], in: space.url)
        #expect(check.status == 1)
        #expect(check.stderr.hasPrefix("notes/bad.md:4:12: error: shapes (2,) and (3,) do not match for +\n"))
        #expect(!space.exists("site"))
        let strict = try CLI.run(["render", "notes"], in: space.url)
        #expect(strict.status == 1)
        #expect(!space.exists("site"))
        let lenient = try CLI.run(["render", "notes", "--keep-going"], in: space.url)
        #expect(lenient.status == 1)
        #expect(try space.read("site/bad.html").contains("<div class=\"calc-error\" role=\"alert\"><strong>Error</strong> at notes/bad.md:4:12: shapes (2,) and (3,) do not match for +</div>"))
        #expect(try space.read("site/good.html").contains("<p class=\"calc-line\"><code>1 + 1</code> = <span class=\"calc-value\">2</span></p>"))
        try FileManager.default.removeItem(at: space.url.appendingPathComponent("notes/bad.md"))
        let clean = try CLI.run(["check", "notes"], in: space.url)
        #expect(clean.status == 0)
        #expect(clean.stderr == "1 note checked, no errors\n")
    }
}
