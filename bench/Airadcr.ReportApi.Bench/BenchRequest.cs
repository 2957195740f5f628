using System.Text;

namespace Airadcr.ReportApi.Bench;

/// <summary>
/// A request encoded once (HTTP/1.1, keep-alive, <c>X-API-Key</c>), whose technical id is a fixed-width field
/// rewritten in place for each request: sending one allocates nothing. Each sending thread builds its own.
/// </summary>
internal sealed class BenchRequest
{
    /// <summary>Digits of the technical ids: BENCH_000000001, ...; the width keeps Content-Length fixed.</summary>
    private const int IdDigits = 9;
    private const string IdPrefix = "BENCH_";
    private const string IdMarker = "{tid}";

    private readonly byte[] bytes;
    private readonly int[] idOffsets;

    private BenchRequest(byte[] bytes, int[] idOffsets)
    {
        this.bytes = bytes;
        this.idOffsets = idOffsets;
    }

    public ReadOnlySpan<byte> Bytes => bytes;

    /// <summary>POST /pending-report with the spec's example body.</summary>
    public static BenchRequest Post(string host) => Create("POST", "/pending-report", host, $$"""
        {"technical_id":"{{IdMarker}}","patient_id":"PAT123456","exam_uid":"1.2.840.113619.2.1.2.3","accession_number":"ACC{{IdMarker}}",
         "study_instance_uid":"1.2.840.10008.5.1.4.1.1.2.1","structured":{"title":"IRM Cérébrale","indication":"Céphalées chroniques",
         "technique":"IRM 3T","results":"Volumétrie normale. Aucune lésion détectée.","conclusion":""},"source_type":"teo_hub",
         "ai_modules":["brain_volumetry","lesion_detection"],"modality":"MR","metadata":{"teo_version":"2.1.0","confidence_score":0.94} }
        """);

    /// <summary>GET /pending-report?tid=.</summary>
    public static BenchRequest Get(string host) => Create("GET", "/pending-report?tid=" + IdMarker, host, body: null);

    /// <summary>Writes the technical id BENCH_&lt;id&gt; into every place the request carries it.</summary>
    public void SetId(int id)
    {
        foreach (var offset in idOffsets)
        {
            var value = id;
            for (var i = offset + IdPrefix.Length + IdDigits - 1; i >= offset + IdPrefix.Length; i--)
            {
                bytes[i] = (byte)('0' + (value % 10));
                value /= 10;
            }
        }
    }

    private static BenchRequest Create(string method, string target, string host, string? body)
    {
        var placeholder = IdPrefix + new string('0', IdDigits);
        var bodyBytes = body is null ? [] : Encoding.UTF8.GetBytes(body.Replace(IdMarker, placeholder, StringComparison.Ordinal));
        var head = $"{method} {target.Replace(IdMarker, placeholder, StringComparison.Ordinal)} HTTP/1.1\r\nHost: {host}\r\n" +
            $"{ApiKeyHeader}\r\n" +
            (body is null ? "" : $"Content-Type: application/json; charset=utf-8\r\nContent-Length: {bodyBytes.Length}\r\n") + "\r\n";
        byte[] bytes = [.. Encoding.ASCII.GetBytes(head), .. bodyBytes];
        var offsets = new List<int>();
        var marker = Encoding.ASCII.GetBytes(placeholder);
        for (var at = bytes.AsSpan().IndexOf(marker); at >= 0;)
        {
            offsets.Add(at);
            var next = bytes.AsSpan(at + marker.Length).IndexOf(marker);
            at = next < 0 ? -1 : at + marker.Length + next;
        }

        return new BenchRequest(bytes, [.. offsets]);
    }

    private static string ApiKeyHeader => $"X-API-Key: {ReportApiUnderTest.ApiKey}";
}
