/// What writing a deployment marker did.
public enum DeploymentCreation: Sendable, Hashable {
    /// The marker was written.
    case created(DeploymentRecord)
    /// A marker is already there; nothing was written.
    case markerPresent(DeploymentRecord)
    /// A new deployment was asked for, but the namespace holds data without a marker (a
    /// deployment from an earlier release, or one that lost only part of its data).
    case refusedExistingData
    /// An adoption was asked for, but there is no data to adopt.
    case refusedNoData
}
