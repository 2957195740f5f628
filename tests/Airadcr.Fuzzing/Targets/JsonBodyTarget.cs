using Airadcr.ReportApi.Apis;
using Microsoft.AspNetCore.Http;

namespace Airadcr.Fuzzing.Targets;

/// <summary>A request body as the ReportApi reads it (JsonBodyReader: size bound, depth bound, UTF-8 check) and, when
/// it is an object, validated as a POST /pending-report body. Both answer bad input with an error value, never an
/// exception: any exception is a crash.</summary>
internal sealed class JsonBodyTarget : FuzzTarget
{
    private const int DefaultExpiresInHours = 72;

    public override string Name => "json";

    protected override void Exercise(byte[] input)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(input, writable: false);
        context.Request.ContentLength = input.Length;
        var (document, _) = JsonBodyReader.ReadObjectAsync(context.Request, CancellationToken.None).GetAwaiter().GetResult();
        using (document)
        {
            if (document is not null)
            {
                _ = PendingReportRequest.Parse(document.RootElement, DefaultExpiresInHours);
            }
        }
    }

    protected override bool IsRejection(Exception e) => false;
}
