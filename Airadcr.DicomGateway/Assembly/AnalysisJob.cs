namespace Airadcr.DicomGateway.Assembly;

/// <summary>A study to analyse, as the outbox holds it.</summary>
public sealed record AnalysisJob(long JobId, string StudyInstanceUid, string State, int Attempts, DateTimeOffset CreatedAt);
