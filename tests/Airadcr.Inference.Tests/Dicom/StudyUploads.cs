using System.Net.Http.Headers;
using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.Inference.Tests.Dicom;

/// <summary>The phantoms as DICOM series (written once per run) and multipart bodies of them.</summary>
public static class StudyUploads
{
    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes)>> Ct = new(() => DicomSeriesWriter.Write(ChestCtPhantom.Build(), rescaleIntercept: -1024));
    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes)>> Mr = new(() => DicomSeriesWriter.Write(BrainMrPhantom.Build()));

    public static IReadOnlyList<(string Name, byte[] Bytes)> ChestCt => Ct.Value;

    public static IReadOnlyList<(string Name, byte[] Bytes)> BrainMr => Mr.Value;

    public static MultipartFormDataContent Form(IEnumerable<(string Name, byte[] Bytes)> instances, string? models = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in instances)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            form.Add(part, "instances", name);
        }

        if (models is not null)
        {
            form.Add(new StringContent(models), "models");
        }

        return form;
    }
}
