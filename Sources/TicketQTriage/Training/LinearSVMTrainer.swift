import Dispatch
import TicketQCore
import Foundation

/// One-vs-rest linear SVM with L2 regularisation and squared hinge loss, solved in the dual by
/// coordinate descent (Hsieh et al., ICML 2008; the LIBLINEAR solver behind scikit-learn's
/// `LinearSVC`). The bias is a regularised constant feature of value 1, as LIBLINEAR's `-B 1`.
///
/// Each intent's binary problem uses its own generator seeded from the run's seed and the
/// intent's index, so the problems can run in parallel and the result is still reproducible.
struct LinearSVMTrainer: Sendable {
    let configuration: TrainingConfiguration

    func train(matrix: FeatureMatrix, labels: [Int], rows: [Int], classCount: Int) -> LinearWeights {
        var result = LinearWeights(classCount: classCount, columnCount: matrix.columnCount)
        let columnCount = matrix.columnCount
        let costs = exampleCosts(labels: labels, rows: rows, classCount: classCount)
        result.weights.withUnsafeMutableBufferPointer { allWeights in
            result.biases.withUnsafeMutableBufferPointer { allBiases in
                nonisolated(unsafe) let weightsBase = allWeights.baseAddress!
                nonisolated(unsafe) let biasesBase = allBiases.baseAddress!
                DispatchQueue.concurrentPerform(iterations: classCount) { target in
                    let weights = UnsafeMutableBufferPointer(
                        start: weightsBase + target * columnCount, count: columnCount
                    )
                    biasesBase[target] = solve(
                        target: target, matrix: matrix, labels: labels, rows: rows, costs: costs, weights: weights
                    )
                }
            }
        }
        return result
    }

    /// The cost C of each training row (by position in `rows`), scaled by its intent's weight.
    private func exampleCosts(labels: [Int], rows: [Int], classCount: Int) -> [Double] {
        var counts = [Int](repeating: 0, count: classCount)
        for row in rows { counts[labels[row]] += 1 }
        let present = Double(counts.filter { $0 > 0 }.count)
        return rows.map { row in
            let balanced = Double(rows.count) / (present * Double(counts[labels[row]]))
            return configuration.cost * pow(balanced, configuration.classWeightExponent)
        }
    }

    /// Solves the binary problem "intent `target` or not", writing its weights; returns the bias.
    private func solve(
        target: Int, matrix: FeatureMatrix, labels: [Int], rows: [Int], costs: [Double],
        weights: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        var generator = SplitMix64(seed: configuration.seed ^ (UInt64(target) &* 0x9E37_79B9_7F4A_7C15))
        var order = Array(rows.indices)
        var alphas = [Double](repeating: 0, count: rows.count)
        var bias = 0.0
        matrix.rowOffsets.withUnsafeBufferPointer { offsets in
            matrix.columns.withUnsafeBufferPointer { columns in
                matrix.values.withUnsafeBufferPointer { values in
                    for _ in 0..<configuration.maxEpochs {
                        generator.shuffle(&order)
                        var largestGradient = -Double.infinity
                        var smallestGradient = Double.infinity
                        for position in order {
                            let row = rows[position]
                            let sign: Double = labels[row] == target ? 1 : -1
                            let range = offsets[row]..<offsets[row + 1]
                            var score = bias
                            for entry in range { score += weights[Int(columns[entry])] * Double(values[entry]) }
                            let alpha = alphas[position]
                            let diagonal = 1 / (2 * costs[position])
                            let gradient = sign * score - 1 + diagonal * alpha
                            let projected = alpha == 0 ? min(gradient, 0) : gradient
                            largestGradient = max(largestGradient, projected)
                            smallestGradient = min(smallestGradient, projected)
                            guard abs(projected) > 1e-12 else { continue }
                            let curvature = matrix.squaredNorms[row] + 1 + diagonal
                            let updated = max(alpha - gradient / curvature, 0)
                            alphas[position] = updated
                            let step = (updated - alpha) * sign
                            for entry in range { weights[Int(columns[entry])] += step * Double(values[entry]) }
                            bias += step
                        }
                        if largestGradient - smallestGradient <= configuration.tolerance { break }
                    }
                }
            }
        }
        return bias
    }
}
