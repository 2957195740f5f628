using Airadcr.DicomGateway.Hosting;

namespace Airadcr.DicomGateway.Analysis;

/// <summary>
/// Wakes the analysis worker as soon as a job is due (embedded: a study completed into the outbox; server mode: a job
/// relayed to the stream) rather than at its next poll, and the server mode's relay as soon as a study completed.
/// </summary>
public sealed class AnalysisWakeUp : WorkSignal;
