using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airadcr.Web.Research;

/// <summary>A gateway id read as text whether the gateway writes it as a JSON string or a number.</summary>
public sealed class ResearchIdConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => reader.TryGetInt64(out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : throw new JsonException("id: not an integer"),
        _ => throw new JsonException("id: expected a string or a number"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
