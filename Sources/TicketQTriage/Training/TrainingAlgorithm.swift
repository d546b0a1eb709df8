/// The learning algorithm behind a model.
public enum TrainingAlgorithm: String, Sendable, Hashable, Codable, CaseIterable {
    /// One-vs-rest linear SVM (L2-regularised squared hinge loss) solved by dual coordinate
    /// descent, the method of LIBLINEAR.
    case linearSVM = "linear-svm"
    /// Multiclass perceptron with weight averaging.
    case averagedPerceptron = "averaged-perceptron"
}
