using System.Text.Json.Nodes;

namespace Airadcr.Dicom.Tests;

/// <summary>Compares two DICOM JSON documents after the documented normalisation:
/// <list type="bullet">
/// <item>numbers are compared as doubles with a relative tolerance of 1e-6 (dcm2json prints FL with 9 significant
/// digits, we print the shortest string that round-trips the float; DS "1.50" and 1.5 are equal);</item>
/// <item>string values lose trailing spaces and NULs (padding); "^^^^"-style empty person names equal an absent value;</item>
/// <item>(0008,0005) is ignored at every level (both tools re-encode text as UTF-8 and rewrite it differently);</item>
/// <item>group lengths (gggg,0000) are ignored; InlineBinary is compared after padding to an even length;</item>
/// <item>an absent "Value" equals an empty one or one holding only nulls.</item>
/// </list></summary>
internal static class DicomJsonComparer
{
    /// <summary>Null when equal, else the JSON path of the first difference.</summary>
    public static string? FirstDifference(JsonNode? ours, JsonNode? theirs, string path = "")
    {
        ours = Normalize(ours);
        theirs = Normalize(theirs);
        return Diff(ours, theirs, path);
    }

    private static string? Diff(JsonNode? a, JsonNode? b, string path)
    {
        switch (a, b)
        {
            case (null, null):
                return null;
            case (JsonObject oa, JsonObject ob):
                foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    if (!oa.ContainsKey(key) || !ob.ContainsKey(key))
                    {
                        return $"{path}/{key}: only in {(oa.ContainsKey(key) ? "ours" : "theirs")}";
                    }

                    if (Diff(oa[key], ob[key], $"{path}/{key}") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case (JsonArray aa, JsonArray ab):
                if (aa.Count != ab.Count)
                {
                    return $"{path}: {aa.Count} values != {ab.Count}";
                }

                for (var i = 0; i < aa.Count; i++)
                {
                    if (Diff(aa[i], ab[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case (JsonValue va, JsonValue vb) when va.TryGetValue<double>(out var x) && vb.TryGetValue<double>(out var y):
                return Math.Abs(x - y) <= 1e-6 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))) ? null : $"{path}: {x} != {y}";
            default:
                var sa = a?.ToJsonString();
                var sb = b?.ToJsonString();
                return sa == sb ? null : $"{path}: {Cut(sa)} != {Cut(sb)}";
        }
    }

    private static string? Cut(string? s) => s is { Length: > 120 } ? s[..120] + "..." : s;

    private static JsonNode? Normalize(JsonNode? node)
    {
        if (node is not JsonObject dataset)
        {
            return node;
        }

        var result = new JsonObject();
        foreach (var (key, attribute) in dataset)
        {
            if (key == "00080005" || key.EndsWith("0000", StringComparison.Ordinal) || attribute is not JsonObject a)
            {
                continue;
            }

            var copy = new JsonObject { ["vr"] = a["vr"]?.GetValue<string>() };
            if (a["InlineBinary"] is { } inline)
            {
                var bytes = Convert.FromBase64String(inline.GetValue<string>());
                copy["InlineBinary"] = Convert.ToBase64String(bytes.Length % 2 == 1 ? [.. bytes, 0] : bytes);
            }

            if (a["BulkDataURI"] is { } uri)
            {
                copy["BulkDataURI"] = uri.GetValue<string>();
            }

            if (a["Value"] is JsonArray values)
            {
                var normalized = new JsonArray(values.Select(NormalizeValue).ToArray());
                if (normalized.Any(v => v is not null))
                {
                    copy["Value"] = normalized;
                }
            }

            result[key] = copy;
        }

        return result;
    }

    private static JsonNode? NormalizeValue(JsonNode? value) => value switch
    {
        null => null,
        JsonObject o when o.Count == 0 || o.Any(p => p.Key.Length == 8 && p.Key.All(char.IsAsciiHexDigit)) => Normalize(o),
        JsonObject pn => NormalizePersonName(pn),
        JsonValue v when v.TryGetValue<string>(out var s) => NormalizeString(s),
        JsonValue v when v.TryGetValue<double>(out var d) => JsonValue.Create(d),
        _ => value.DeepClone(),
    };

    private static JsonNode? NormalizeString(string s)
    {
        var t = s.TrimEnd(' ', '\0');
        return t.Length == 0 ? null : JsonValue.Create(t);
    }

    private static JsonNode? NormalizePersonName(JsonObject pn)
    {
        var result = new JsonObject();
        foreach (var (group, text) in pn)
        {
            var t = text?.GetValue<string>().TrimEnd('^', ' ') ?? "";
            if (t.Length > 0)
            {
                result[group] = t;
            }
        }

        return result.Count == 0 ? null : result;
    }
}
