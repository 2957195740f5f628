using System.Net.Http.Headers;
using System.Text;

namespace Airadcr.DicomGateway.Tests.Stow;

/// <summary>STOW-RS request bodies as a client writes them: multipart/related; type="application/dicom".</summary>
internal static class StowRequests
{
    public const string Boundary = "airadcr-stow-test-boundary";

    /// <summary>One application/dicom part per file (or the given content type for a part).</summary>
    public static MultipartContent Body(params (byte[] Bytes, string ContentType)[] parts)
    {
        var body = new MultipartContent("related", Boundary);
        body.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
        foreach (var (bytes, contentType) in parts)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            body.Add(part);
        }
        return body;
    }

    public static MultipartContent Files(params string[] paths) => Body([.. paths.Select(p => (File.ReadAllBytes(p), "application/dicom"))]);

    /// <summary>A body whose last part stops after <paramref name="lastPartBytes"/> bytes, without the closing boundary: an upload cut halfway.</summary>
    public static ByteArrayContent CutShort(byte[] whole, byte[] cut, int lastPartBytes)
    {
        using var stream = new MemoryStream();
        void Write(string text) => stream.Write(Encoding.ASCII.GetBytes(text));
        Write($"--{Boundary}\r\nContent-Type: application/dicom\r\n\r\n");
        stream.Write(whole);
        Write($"\r\n--{Boundary}\r\nContent-Type: application/dicom\r\n\r\n");
        stream.Write(cut.AsSpan(0, lastPartBytes));
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/related; type=\"application/dicom\"; boundary={Boundary}");
        return content;
    }
}
