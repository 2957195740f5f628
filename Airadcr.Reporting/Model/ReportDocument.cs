namespace Airadcr.Reporting.Model;

/// <summary>Everything one report artefact (PDF, SR, FHIR) is made from.</summary>
public sealed record ReportDocument
{
    public required StudyContext Study { get; init; }
    public required ReportText Text { get; init; }
    public IReadOnlyList<Finding> Findings { get; init; } = [];
    /// <summary>Every model that analysed the study, with or without findings (the SR's device observer).</summary>
    public IReadOnlyList<AlgorithmIdentity> Algorithms { get; init; } = [];
    public IReadOnlyList<KeyImage> KeyImages { get; init; } = [];
    /// <summary>The analysed instances of the source study (SR evidence and image library).</summary>
    public IReadOnlyList<SourceImage> SourceImages { get; init; } = [];
    /// <summary>
    /// A signed report's account of each AI finding (kept, changed or removed by the radiologist), one line each: TEXT
    /// Finding items of the signed SR's Findings section.
    /// </summary>
    public IReadOnlyList<string> AiFindingReviews { get; init; } = [];
    /// <summary>Null while the report is AI output awaiting review; set once a radiologist signed it.</summary>
    public ReportSignature? Signature { get; init; }
    public ReportLanguage Language { get; init; } = ReportLanguage.French;
    /// <summary>When the artefact is produced (from the caller's TimeProvider).</summary>
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>
    /// When set, each artefact's Series and SOP Instance UIDs derive from this name (same name, same UIDs: an artefact
    /// made again, e.g. by a retried analysis, is the same instance for the PACS); new random UIDs otherwise.
    /// </summary>
    public string? InstanceUidName { get; init; }

    public bool IsSigned => Signature is not null;
}

public enum ReportLanguage
{
    French,
    English,
}
