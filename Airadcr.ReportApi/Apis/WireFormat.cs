using System.Globalization;

namespace Airadcr.ReportApi.Apis;

/// <summary>How times are written on the wire: ISO 8601 UTC to the second, e.g. 2026-02-23T10:30:00Z.</summary>
public static class WireFormat
{
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
