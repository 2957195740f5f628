namespace Airadcr.DicomGateway.Publishing;

/// <summary>When a study's AI results (the AI SR and its Encapsulated PDF) go to the PACS.</summary>
public static class PublishPolicies
{
    /// <summary>As soon as the analysis made them.</summary>
    public const string Immediate = "immediate";

    /// <summary>Held by the gateway until the radiologist signs (released with the signed report) or rejects them (never sent).</summary>
    public const string AfterReview = "after-review";

    public static bool IsKnown(string? policy) => policy is Immediate or AfterReview;
}
