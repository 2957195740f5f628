namespace Airadcr.AppHost.Run;

/// <summary>
/// How a secret of the run folder starts (the ReportApi's keys must start with <c>airadcr_</c>), so that a published
/// <c>.env</c> generates its value of the same shape.
/// </summary>
public sealed record SecretPrefixAnnotation(string Prefix) : IResourceAnnotation;
