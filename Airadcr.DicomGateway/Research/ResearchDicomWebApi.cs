using System.Globalization;
using System.Text;
using Airadcr.Dicom;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Json;
using Microsoft.Extensions.Primitives;

namespace Airadcr.DicomGateway.Research;

/// <summary>
/// Read-only DICOMweb (QIDO-RS, WADO-RS) over one project's research copies, what OHIF 3's DICOMweb data source asks
/// for: study, series and instance searches, study and series metadata (binary values as BulkDataURI), frames
/// (multipart/related, the stored syntax or decoded little endian), bulk data and whole instances. Only files the
/// runner made for the project are found; any other UID is 404.
/// </summary>
public static class ResearchDicomWebApi
{
    public const string DicomJson = "application/dicom+json";
    private const string ExplicitLittleEndian = "1.2.840.10008.1.2.1";
    private const int BulkDataThreshold = 1024;

    private static readonly DicomTag[] StudyTags =
    [
        DicomTag.SpecificCharacterSet, DicomTag.StudyDate, DicomTag.StudyTime, DicomTag.AccessionNumber, DicomTag.ReferringPhysicianName,
        DicomTag.StudyDescription, DicomTag.PatientName, DicomTag.PatientID, DicomTag.PatientBirthDate, DicomTag.PatientSex,
        DicomTag.StudyInstanceUID, DicomTag.StudyID,
    ];

    private static readonly DicomTag[] SeriesTags =
    [
        DicomTag.SpecificCharacterSet, DicomTag.Modality, DicomTag.SeriesDescription, DicomTag.SeriesDate, DicomTag.SeriesTime,
        DicomTag.StudyInstanceUID, DicomTag.SeriesInstanceUID, DicomTag.SeriesNumber,
    ];

    private static readonly DicomTag[] InstanceTags =
    [
        DicomTag.SpecificCharacterSet, DicomTag.SOPClassUID, DicomTag.SOPInstanceUID, DicomTag.StudyInstanceUID, DicomTag.SeriesInstanceUID,
        DicomTag.InstanceNumber, DicomTag.Rows, DicomTag.Columns, DicomTag.BitsAllocated, DicomTag.NumberOfFrames,
    ];

    public static RouteGroupBuilder MapResearchDicomWeb(this RouteGroupBuilder projects)
    {
        var web = projects.MapGroup("/{projectId}/dicom-web/studies");
        web.MapGet("/", SearchStudiesAsync).WithName("ResearchSearchStudies");
        web.MapGet("/{study}/series", SearchSeriesAsync).WithName("ResearchSearchSeries");
        web.MapGet("/{study}/series/{series}/instances", SearchInstancesAsync).WithName("ResearchSearchInstances");
        web.MapGet("/{study}/metadata", (string projectId, string study, HttpContext http, ResearchStore store, ResearchAccess access, CancellationToken ct) =>
            MetadataAsync(projectId, study, null, http, store, access, ct)).WithName("ResearchStudyMetadata");
        web.MapGet("/{study}/series/{series}/metadata", (string projectId, string study, string series, HttpContext http, ResearchStore store,
            ResearchAccess access, CancellationToken ct) => MetadataAsync(projectId, study, series, http, store, access, ct)).WithName("ResearchSeriesMetadata");
        web.MapGet("/{study}/series/{series}/instances/{sop}", RetrieveInstanceAsync).WithName("ResearchRetrieveInstance");
        web.MapGet("/{study}/series/{series}/instances/{sop}/frames/{frames}", RetrieveFramesAsync).WithName("ResearchRetrieveFrames");
        web.MapGet("/{study}/series/{series}/instances/{sop}/bulk/{tag}", RetrieveBulkAsync).WithName("ResearchRetrieveBulkData");
        return projects;
    }

    private static async Task<IResult> SearchStudiesAsync(string projectId, HttpRequest request, ResearchStore store, ResearchAccess access,
        CancellationToken cancellationToken)
    {
        if (await ProjectFilesAsync(projectId, store, cancellationToken) is not { } files)
        {
            return ResearchApi.UnknownProject();
        }
        var studies = (await store.ListStudiesAsync(projectId, cancellationToken)).Select(s => s.Row).Where(r => r.StudyKey is not null)
            .Where(r => Matches(request.Query, "StudyInstanceUID", "0020000D", r.StudyKey))
            .Where(r => Matches(request.Query, "PatientID", "00100020", r.PatientPseudonym))
            .Where(r => MatchesAny(request.Query, "ModalitiesInStudy", "00080061", r.Modality?.Split('\\') ?? []));
        var results = new List<DicomDataset>();
        foreach (var row in Page(request.Query, studies))
        {
            var ofStudy = files.Where(f => f.StudyKey == row.StudyKey).ToList();
            if (ofStudy.Count == 0)
            {
                continue;
            }
            var dataset = Pick(Header(access, projectId, ofStudy[0]), StudyTags);
            dataset.Add(DicomTag.ModalitiesInStudy, DicomVR.CS, [.. ofStudy.Select(f => f.Modality ?? "").Where(m => m.Length > 0).Distinct(StringComparer.Ordinal)]);
            dataset.Add(DicomTag.NumberOfStudyRelatedSeries, DicomVR.IS, Count(ofStudy.Select(f => f.SeriesKey).Distinct().Count()));
            dataset.Add(DicomTag.NumberOfStudyRelatedInstances, DicomVR.IS, Count(ofStudy.Count));
            results.Add(dataset);
        }
        return JsonArray(results);
    }

    private static async Task<IResult> SearchSeriesAsync(string projectId, string study, HttpRequest request, ResearchStore store,
        ResearchAccess access, CancellationToken cancellationToken)
    {
        if (await StudyFilesAsync(projectId, study, store, cancellationToken) is not { Count: > 0 } files)
        {
            return ResearchApi.Unknown("study");
        }
        var results = new List<DicomDataset>();
        var series = files.GroupBy(f => f.SeriesKey!)
            .Where(g => Matches(request.Query, "SeriesInstanceUID", "0020000E", g.Key) && Matches(request.Query, "Modality", "00080060", g.First().Modality));
        foreach (var group in Page(request.Query, series))
        {
            var dataset = Pick(Header(access, projectId, group.First()), SeriesTags);
            dataset.Add(DicomTag.NumberOfSeriesRelatedInstances, DicomVR.IS, Count(group.Count()));
            results.Add(dataset);
        }
        return JsonArray(results);
    }

    private static async Task<IResult> SearchInstancesAsync(string projectId, string study, string series, HttpRequest request, ResearchStore store,
        ResearchAccess access, CancellationToken cancellationToken)
    {
        if (await StudyFilesAsync(projectId, study, store, cancellationToken, series) is not { Count: > 0 } files)
        {
            return ResearchApi.Unknown("series");
        }
        var results = new List<DicomDataset>();
        foreach (var file in Page(request.Query, files.Where(f => Matches(request.Query, "SOPInstanceUID", "00080018", f.SopKey))))
        {
            var dataset = Pick(Header(access, projectId, file), InstanceTags);
            dataset.Add(DicomTag.AvailableTransferSyntaxUID, DicomVR.UI, file.TransferSyntaxUid ?? ExplicitLittleEndian);
            results.Add(dataset);
        }
        return JsonArray(results);
    }

    private static async Task<IResult> MetadataAsync(string projectId, string study, string? series, HttpContext http, ResearchStore store,
        ResearchAccess access, CancellationToken cancellationToken)
    {
        if (await StudyFilesAsync(projectId, study, store, cancellationToken, series) is not { Count: > 0 } files)
        {
            return ResearchApi.Unknown(series is null ? "study" : "series");
        }
        var root = Root(http, projectId);
        var json = new StringBuilder("[");
        foreach (var file in files)
        {
            using var dicom = DicomFile.Open(access.FullPath(projectId, file.Path!));
            var options = new DicomJsonOptions
            {
                Indented = false,
                BulkDataThreshold = BulkDataThreshold,
                BulkDataUri = (tag, _) => string.Create(CultureInfo.InvariantCulture,
                    $"{root}/studies/{file.StudyKey}/series/{file.SeriesKey}/instances/{file.SopKey}/bulk/{tag.Value:X8}"),
            };
            json.Append(json.Length > 1 ? "," : "").Append(DicomJsonWriter.ToJson(dicom.Dataset, options));
        }
        return Results.Text(json.Append(']').ToString(), DicomJson, Encoding.UTF8);
    }

    private static async Task<IResult> RetrieveInstanceAsync(string projectId, string study, string series, string sop, HttpRequest request,
        ResearchStore store, ResearchAccess access, CancellationToken cancellationToken)
    {
        if (await InstanceAsync(projectId, study, series, sop, store, cancellationToken) is not { } file)
        {
            return ResearchApi.Unknown("instance");
        }
        var path = access.FullPath(projectId, file.Path!);
        if (!request.Headers.Accept.ToString().Contains("multipart/related", StringComparison.OrdinalIgnoreCase))
        {
            return Results.File(path, "application/dicom");
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return new MultipartRelated("application/dicom", [("application/dicom", bytes)]);
    }

    private static async Task<IResult> RetrieveFramesAsync(string projectId, string study, string series, string sop, string frames,
        HttpRequest request, ResearchStore store, ResearchAccess access, CancellationToken cancellationToken)
    {
        if (await InstanceAsync(projectId, study, series, sop, store, cancellationToken) is not { } file)
        {
            return ResearchApi.Unknown("instance");
        }
        var numbers = frames.Split(',').Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0).ToList();
        using var dicom = DicomFile.Open(access.FullPath(projectId, file.Path!));
        if (!dicom.Dataset.Contains(DicomTag.PixelData))
        {
            return ResearchApi.Unknown("frame");
        }
        var pixels = new DicomPixelData(dicom.Dataset, dicom.TransferSyntax);
        if (numbers.Any(n => n < 1 || n > pixels.FrameCount))
        {
            return ResearchApi.Unknown("frame");
        }
        var decoded = WantsDecoded(request.Headers.Accept);
        var fragments = dicom.Dataset[DicomTag.PixelData] as DicomFragmentSequence;
        var asStored = !decoded && fragments is not null && fragments.Fragments.Count == pixels.FrameCount;
        var parts = numbers.Select(n => asStored
            ? ($"application/octet-stream; transfer-syntax={dicom.TransferSyntax.Uid}", fragments!.Fragments[n - 1].ToArray())
            : ($"application/octet-stream; transfer-syntax={ExplicitLittleEndian}", pixels.GetFrameBytes(n - 1).ToArray())).ToList();
        return new MultipartRelated("application/octet-stream", parts);
    }

    private static async Task<IResult> RetrieveBulkAsync(string projectId, string study, string series, string sop, string tag,
        ResearchStore store, ResearchAccess access, CancellationToken cancellationToken)
    {
        if (!uint.TryParse(tag, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            || await InstanceAsync(projectId, study, series, sop, store, cancellationToken) is not { } file)
        {
            return ResearchApi.Unknown("bulk data");
        }
        using var dicom = DicomFile.Open(access.FullPath(projectId, file.Path!));
        var bytes = dicom.Dataset[new DicomTag((ushort)(value >> 16), (ushort)value)] switch
        {
            DicomElement element => element.Data.ToArray(),
            DicomFragmentSequence fragments => fragments.Fragments.SelectMany(f => f.ToArray()).ToArray(),
            _ => null,
        };
        var syntax = dicom.Dataset[new DicomTag((ushort)(value >> 16), (ushort)value)] is DicomFragmentSequence ? dicom.TransferSyntax.Uid : ExplicitLittleEndian;
        return bytes is null
            ? ResearchApi.Unknown("bulk data")
            : new MultipartRelated("application/octet-stream", [($"application/octet-stream; transfer-syntax={syntax}", bytes)]);
    }

    /// <summary>An Accept that names Explicit VR Little Endian and not <c>*</c> asks for the frame decoded.</summary>
    private static bool WantsDecoded(StringValues accept)
    {
        var text = accept.ToString();
        return text.Contains("transfer-syntax=" + ExplicitLittleEndian, StringComparison.Ordinal)
            || text.Contains("transfer-syntax=\"" + ExplicitLittleEndian + "\"", StringComparison.Ordinal)
            ? !text.Contains("transfer-syntax=*", StringComparison.Ordinal)
            : false;
    }

    private static async Task<IReadOnlyList<ResearchFile>?> ProjectFilesAsync(string projectId, ResearchStore store, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(projectId, "N", out _) || await store.GetAsync(projectId, cancellationToken) is null)
        {
            return null;
        }
        return [.. (await store.ListFilesAsync(projectId, cancellationToken)).Where(f => f.State == ResearchStates.Done && f.Path is not null)];
    }

    private static async Task<IReadOnlyList<ResearchFile>?> StudyFilesAsync(string projectId, string study, ResearchStore store,
        CancellationToken cancellationToken, string? series = null) =>
        Guid.TryParseExact(projectId, "N", out _)
            ? [.. (await store.ListFilesAsync(projectId, cancellationToken, studyKey: study, seriesKey: series)).Where(f => f.State == ResearchStates.Done && f.Path is not null)]
            : null;

    private static async Task<ResearchFile?> InstanceAsync(string projectId, string study, string series, string sop, ResearchStore store,
        CancellationToken cancellationToken) =>
        Guid.TryParseExact(projectId, "N", out _)
            ? (await store.ListFilesAsync(projectId, cancellationToken, studyKey: study, seriesKey: series, sopKey: sop))
                .FirstOrDefault(f => f.State == ResearchStates.Done && f.Path is not null)
            : null;

    private static DicomDataset Header(ResearchAccess access, string projectId, ResearchFile file)
    {
        using var dicom = DicomFile.Open(access.FullPath(projectId, file.Path!), new DicomReadOptions { StopBeforePixelData = true });
        return dicom.Dataset.DetachedElements();
    }

    private static DicomDataset Pick(DicomDataset header, DicomTag[] tags)
    {
        var picked = new DicomDataset();
        foreach (var tag in tags)
        {
            if (header[tag] is { } item)
            {
                picked.AddOrUpdate(item);
            }
        }
        return picked;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A QIDO attribute filter (keyword or tag): absent matches all; values separated by <c>,</c> or <c>\</c>; a trailing <c>*</c> is a prefix.</summary>
    private static bool Matches(IQueryCollection query, string keyword, string tag, string? value) => MatchesAny(query, keyword, tag, value is null ? [] : [value]);

    private static bool MatchesAny(IQueryCollection query, string keyword, string tag, IReadOnlyCollection<string> values)
    {
        var asked = query.TryGetValue(keyword, out var byKeyword) ? byKeyword.ToString() : query.TryGetValue(tag, out var byTag) ? byTag.ToString() : "";
        if (asked.Length == 0)
        {
            return true;
        }
        return asked.Split([',', '\\'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(wanted =>
            values.Any(v => wanted.EndsWith('*') ? v.StartsWith(wanted[..^1], StringComparison.Ordinal) : v == wanted));
    }

    private static IEnumerable<T> Page<T>(IQueryCollection query, IEnumerable<T> items)
    {
        var offset = int.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        return items.Skip(offset).Take(limit);
    }

    private static IResult JsonArray(IEnumerable<DicomDataset> datasets)
    {
        var options = new DicomJsonOptions { Indented = false };
        return Results.Text("[" + string.Join(",", datasets.Select(d => DicomJsonWriter.ToJson(d, options))) + "]", DicomJson, Encoding.UTF8);
    }

    /// <summary>Where the project's DICOMweb root is for the caller: <c>X-Forwarded-Prefix</c> (a proxy's own root), else this path.</summary>
    private static string Root(HttpContext http, string projectId) =>
        http.Request.Headers["X-Forwarded-Prefix"].ToString() is { Length: > 0 } prefix
            ? prefix.TrimEnd('/')
            : $"{http.Request.PathBase}/admin/research/projects/{projectId}/dicom-web";

    /// <summary>A <c>multipart/related</c> answer: each part with its own Content-Type.</summary>
    private sealed class MultipartRelated(string type, IReadOnlyList<(string ContentType, byte[] Bytes)> parts) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var boundary = Guid.NewGuid().ToString("N");
            var response = httpContext.Response;
            response.ContentType = $"multipart/related; type=\"{type}\"; boundary={boundary}";
            foreach (var (contentType, bytes) in parts)
            {
                await response.Body.WriteAsync(Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: {contentType}\r\n\r\n"), httpContext.RequestAborted);
                await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
                await response.Body.WriteAsync("\r\n"u8.ToArray(), httpContext.RequestAborted);
            }
            await response.Body.WriteAsync(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"), httpContext.RequestAborted);
        }
    }
}
