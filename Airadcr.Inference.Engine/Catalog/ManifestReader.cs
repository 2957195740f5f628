using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airadcr.Inference.Engine.Catalog;

/// <summary>Reads and checks one manifest file; every failure is an <see cref="InvalidDataException"/> with the reason.</summary>
public static class ManifestReader
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static ModelManifest Read(string manifestPath)
    {
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(manifestPath), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"manifest is not valid: {e.Message}", e);
        }

        if (manifest is null)
        {
            throw new InvalidDataException("manifest is empty");
        }

        Check(manifest);
        return manifest;
    }

    public static string ModelPath(string manifestPath, ModelManifest manifest) =>
        Path.Combine(Path.GetDirectoryName(manifestPath) ?? ".", manifest.File);

    public static void CheckModelFile(string modelPath, ModelManifest manifest)
    {
        if (!File.Exists(modelPath))
        {
            throw new InvalidDataException($"model file '{manifest.File}' not found next to the manifest");
        }

        if (manifest.Sha256 is { } expected)
        {
            using var stream = File.OpenRead(modelPath);
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"model file '{manifest.File}' has sha256 {actual}, the manifest says {expected}");
            }
        }
    }

    private static void Check(ModelManifest manifest)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(manifest.Id) || manifest.Id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            problems.Add("id must be non-empty letters, digits, '-', '_' or '.'");
        }

        if (manifest.Modalities.Count == 0)
        {
            problems.Add("modalities must list at least one DICOM modality");
        }

        if (manifest.Preprocessing.Window is { Width: <= 0 })
        {
            problems.Add("preprocessing.window.width must be positive");
        }

        if (manifest.Preprocessing.Window is not null && manifest.Preprocessing.NormalisePercentile is not null)
        {
            problems.Add("preprocessing has both window and normalisePercentile; choose one");
        }

        if (manifest.Preprocessing.NormalisePercentile is <= 0 or > 100)
        {
            problems.Add("preprocessing.normalisePercentile must be in (0, 100]");
        }

        if (manifest.Preprocessing.ResampleSpacingMm is <= 0)
        {
            problems.Add("preprocessing.resampleSpacingMm must be positive");
        }

        if ((manifest.Input.Height is null) != (manifest.Input.Width is null))
        {
            problems.Add("input.height and input.width are both fixed or both free");
        }

        if (manifest.Input.Height is not null && manifest.Preprocessing.ResampleSpacingMm is not null)
        {
            problems.Add("a fixed input size and resampleSpacingMm exclude each other");
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join("; ", problems));
        }
    }
}
