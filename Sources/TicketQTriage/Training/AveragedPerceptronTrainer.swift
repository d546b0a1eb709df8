import TicketQCore
/// Multiclass perceptron with weight averaging (Collins, 2002): on each mistake the true intent's
/// weights gain the example and the predicted intent's lose it; the model is the average of the
/// weights over all steps, computed with the usual running-sum trick.
struct AveragedPerceptronTrainer: Sendable {
    let configuration: TrainingConfiguration

    func train(matrix: FeatureMatrix, labels: [Int], rows: [Int], classCount: Int) -> LinearWeights {
        let columnCount = matrix.columnCount
        var current = LinearWeights(classCount: classCount, columnCount: columnCount)
        // Sum of (step × update), subtracted at the end to turn `current` into the average.
        var weighted = LinearWeights(classCount: classCount, columnCount: columnCount)
        var generator = SplitMix64(seed: configuration.seed)
        var order = rows
        var step = 1.0
        var scores = [Double](repeating: 0, count: classCount)
        for _ in 0..<configuration.maxEpochs {
            generator.shuffle(&order)
            var mistakes = 0
            for row in order {
                let range = matrix.rowOffsets[row]..<matrix.rowOffsets[row + 1]
                for target in 0..<classCount {
                    var score = current.biases[target]
                    let base = target * columnCount
                    for entry in range {
                        score += current.weights[base + Int(matrix.columns[entry])] * Double(matrix.values[entry])
                    }
                    scores[target] = score
                }
                var predicted = 0
                for target in 1..<classCount where scores[target] > scores[predicted] { predicted = target }
                let truth = labels[row]
                if predicted != truth {
                    mistakes += 1
                    for (target, sign) in [(truth, 1.0), (predicted, -1.0)] {
                        let base = target * columnCount
                        for entry in range {
                            let delta = sign * Double(matrix.values[entry])
                            current.weights[base + Int(matrix.columns[entry])] += delta
                            weighted.weights[base + Int(matrix.columns[entry])] += step * delta
                        }
                        current.biases[target] += sign
                        weighted.biases[target] += step * sign
                    }
                }
                step += 1
            }
            if mistakes == 0 { break }
        }
        for index in current.weights.indices { current.weights[index] -= weighted.weights[index] / step }
        for index in current.biases.indices { current.biases[index] -= weighted.biases[index] / step }
        return current
    }
}
