using System.Text.Json.Serialization;

namespace Airadcr.RtStruct;

/// <summary>Source-generated JSON for the summary (the CLI is Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RtStructSummary))]
public sealed partial class RtStructJsonContext : JsonSerializerContext;
