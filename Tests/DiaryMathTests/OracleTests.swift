import DiaryMath
import Foundation
import Testing

/// Every case of the batch-normalization oracle (PyTorch 2.15, Keras 3, tf_keras 2 and
/// EWA), run through DiaryMath's public API at the tolerance each case states. The layout
/// and the checks mirror `verify_cases.py` of the oracle.
@Suite struct OracleTests {
    /// Parsed afresh by each test: JSON objects are not `Sendable`.
    static func cases() -> [[String: Any]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracle/cases.json")
        guard let data = try? Data(contentsOf: url),
              let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = document["cases"] as? [[String: Any]] else { return [] }
        return cases
    }

    static let ids: [String] = cases().compactMap { $0["id"] as? String }

    @Test func theOracleHasAllItsCases() {
        #expect(Self.ids.count == 43)
        #expect(Set(Self.cases().compactMap { $0["kind"] as? String }) == ["bn", "bn_error", "ewa"])
    }

    @Test(arguments: ids)
    func oracleCase(_ id: String) throws {
        let testCase = try #require(Self.cases().first { $0["id"] as? String == id })
        switch testCase["kind"] as? String {
        case "bn": try runBatchNorm(testCase)
        case "bn_error": try runError(testCase)
        case "ewa": try runEWA(testCase)
        default: Issue.record("unknown kind")
        }
    }

    private func runBatchNorm(_ c: [String: Any]) throws {
        let params = try #require(c["params"] as? [String: Any])
        let tolerance = try Tolerance(c["tolerance"])
        let axis = try #require(c["channel_axis"] as? Int)
        let eps = try #require(params["eps"] as? Double)
        let gamma = try (c["gamma"] as? [Any]).map(tensor) ?? Tensor(1)
        let beta = try (c["beta"] as? [Any]).map(tensor) ?? Tensor(0)
        let convention = try #require(params["momentum_convention"] as? String)
        let update: RunningStatistics.Update
        switch convention {
        case "cumulative_average": update = .cumulative
        case "torch": update = .exponential(beta: 1 - (try #require(params["momentum"] as? Double)))
        default: update = .exponential(beta: 1 - (try #require(params["update_factor"] as? Double)))
        }
        let unbiased = (params["running_var_uses"] as? String)?.hasPrefix("unbiased") ?? false
        var state: RunningStatistics?
        if let mean = c["running_mean_init"], !(mean is NSNull), let variance = c["running_var_init"] {
            state = try RunningStatistics(mean: try tensor(mean), variance: try tensor(variance), update: update, unbiased: unbiased)
        }
        let trackedBefore = c["num_batches_tracked_init"] as? Int ?? 0
        let steps = try #require(c["steps"] as? [[String: Any]])
        for (index, step) in steps.enumerated() {
            let x = try tensor(step["x"] as Any)
            let expected = try #require(step["expected"] as? [String: Any])
            let tag = "step \(index) \(step["mode"] as? String ?? "")"
            if step["mode"] as? String == "train" || state == nil {
                let (y, statistics) = try BatchNorm.forward(x, gamma: gamma, beta: beta, eps: eps, featureAxis: axis)
                try tolerance.check(y, expected["y"], "\(tag) y")
                if step["mode"] as? String == "train" {
                    try tolerance.check(statistics.mean, expected["batch_mean"], "\(tag) batch_mean")
                    try tolerance.check(statistics.variance, expected["batch_var"], "\(tag) batch_var")
                    if let unbiasedExpected = expected["batch_var_unbiased"] {
                        try tolerance.check(try statistics.unbiasedVariance(), unbiasedExpected, "\(tag) batch_var_unbiased")
                    }
                    if let invstd = expected["kernel_save_invstd"] {
                        try tolerance.check(statistics.variance.map { 1 / ($0 + eps).squareRoot() }, invstd, "\(tag) invstd")
                    }
                    try state?.update(with: statistics)
                }
            } else if let state {
                let y = try BatchNorm.normalize(x, mean: state.mean, variance: state.variance, gamma: gamma, beta: beta,
                                                eps: eps, featureAxis: axis)
                try tolerance.check(y, expected["y"], "\(tag) y (running statistics)")
            }
            if let runningMean = expected["running_mean"], let state {
                try tolerance.check(state.mean, runningMean, "\(tag) running_mean")
                try tolerance.check(state.variance, expected["running_var"], "\(tag) running_var")
            }
            if let tracked = expected["num_batches_tracked"] as? Int {
                #expect(trackedBefore + (state?.steps ?? 0) == tracked, "\(tag) num_batches_tracked")
            }
        }
    }

    /// PyTorch refuses one value per channel in training (its running variance is
    /// unbiased) and eps <= 0; DiaryMath must refuse the same inputs.
    private func runError(_ c: [String: Any]) throws {
        let params = try #require(c["params"] as? [String: Any])
        let step = try #require((c["steps"] as? [[String: Any]])?.first)
        let x = try tensor(step["x"] as Any)
        var state = try RunningStatistics(mean: Tensor(0), variance: Tensor(1), update: .exponential(beta: 0.9), unbiased: true)
        #expect(throws: MathError.self) {
            let (_, statistics) = try BatchNorm.forward(x, eps: try #require(params["eps"] as? Double),
                                                       featureAxis: try #require(c["channel_axis"] as? Int))
            try state.update(with: statistics)
        }
        #expect(state.steps == 0)
    }

    private func runEWA(_ c: [String: Any]) throws {
        let params = try #require(c["params"] as? [String: Any])
        let beta = try #require(params["beta"] as? Double)
        #expect(params["v0"] as? Double == 0)
        let theta = try tensor(c["theta"] as Any)
        let expected = try #require(c["expected"] as? [String: Any])
        let tolerance = try Tolerance(c["tolerance"])
        try tolerance.check(try exponentiallyWeightedAverage(theta, beta: beta), expected["v"], "v")
        try tolerance.check(try exponentiallyWeightedAverage(theta, beta: beta, biasCorrection: true),
                            expected["v_bias_corrected"], "v_bias_corrected")
    }
}

/// `|actual - expected| <= atol + rtol * |expected|`, element-wise.
struct Tolerance {
    var rtol: Double
    var atol: Double

    init(_ value: Any?) throws {
        let dictionary = try #require(value as? [String: Any])
        rtol = try #require(dictionary["rtol"] as? Double)
        atol = try #require(dictionary["atol"] as? Double)
    }

    func check(_ actual: Tensor, _ expectedJSON: Any?, _ what: String) throws {
        let expected = try tensor(try #require(expectedJSON))
        #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)")
        for (a, e) in zip(actual.scalars, expected.scalars) where !(abs(a - e) <= atol + rtol * abs(e)) {
            Issue.record("\(what): computed \(a), expected \(e)")
            return
        }
    }
}

/// A nested JSON list as a tensor.
func tensor(_ json: Any) throws -> Tensor {
    var shape: [Int] = []
    var probe: Any = json
    while let list = probe as? [Any] {
        shape.append(list.count)
        guard let first = list.first else { break }
        probe = first
    }
    var scalars: [Double] = []
    func flatten(_ value: Any) {
        if let list = value as? [Any] { list.forEach(flatten) } else if let number = value as? Double { scalars.append(number) }
        else if let number = value as? Int { scalars.append(Double(number)) }
    }
    flatten(json)
    return try Tensor(shape: shape, scalars: scalars)
}
