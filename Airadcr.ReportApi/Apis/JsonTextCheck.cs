using System.Text.Json;

namespace Airadcr.ReportApi.Apis;

/// <summary>
/// JsonDocument accepts string bytes that are not UTF-8 (and escaped lone surrogates) and only fails, or writes
/// U+FFFD, when the string is read: every string and property name of a body is decoded once up front instead.
/// </summary>
public static class JsonTextCheck
{
    /// <summary>The first top-level property whose name or value holds text that is not valid Unicode.</summary>
    public static (bool Valid, string? Field) Check(JsonElement body)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (!TryDecodeName(property, out var name))
            {
                return (false, null);
            }

            if (!IsDecodable(property.Value))
            {
                return (false, name);
            }
        }

        return (true, null);
    }

    private static bool IsDecodable(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => TryDecode(element),
        JsonValueKind.Array => element.EnumerateArray().All(IsDecodable),
        JsonValueKind.Object => element.EnumerateObject().All(p => TryDecodeName(p, out _) && IsDecodable(p.Value)),
        _ => true,
    };

    private static bool TryDecode(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryDecodeName(JsonProperty property, out string? name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }
}
