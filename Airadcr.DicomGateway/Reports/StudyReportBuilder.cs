using System.Globalization;
using Airadcr.Dicom;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Configuration;
using Airadcr.Reporting.Model;
using Microsoft.Extensions.Options;
using ReportFinding = Airadcr.Reporting.Model.Finding;

namespace Airadcr.DicomGateway.Reports;

/// <summary>An instance file of the study being reported.</summary>
public sealed record StudyFile(string SeriesInstanceUid, string SopClassUid, string SopInstanceUid, string Path);

/// <summary>Turns a study's instance files and the inference findings into the report document the artefacts are made from.</summary>
public sealed class StudyReportBuilder(IOptions<GatewayOptions> options, TimeProvider time)
{
    private const int MaxKeyImages = 4;

    public ReportDocument Build(IReadOnlyList<StudyFile> instances, StudyFindings findings)
    {
        if (instances.Count == 0)
        {
            throw new InvalidOperationException("the study has no stored instance");
        }
        var paths = instances.ToDictionary(i => i.SopInstanceUid, i => i.Path, StringComparer.Ordinal);
        var headers = new Dictionary<string, (DicomDataset Header, string Path)>(StringComparer.Ordinal);
        (DicomDataset Header, string Path) HeaderOf(string sop)
        {
            if (!headers.TryGetValue(sop, out var entry))
            {
                var path = paths.GetValueOrDefault(sop)
                    ?? throw new InvalidOperationException("a finding references an instance that is not in the study");
                using var file = DicomFile.Open(path, new DicomReadOptions { StopBeforePixelData = true });
                entry = (file.Dataset.DetachedElements(), path);
                headers[sop] = entry;
            }
            return entry;
        }

        var first = HeaderOf(instances[0].SopInstanceUid);
        var classes = instances.ToDictionary(i => i.SopInstanceUid, i => i.SopClassUid, StringComparer.Ordinal);
        var reportFindings = new List<ReportFinding>();
        foreach (var (finding, number) in findings.Findings.Select((f, i) => (f, i + 1)))
        {
            var header = (HeaderOf(finding.Location.SopInstanceUid)).Header;
            reportFindings.Add(FindingMapper.Map(finding, number, classes[finding.Location.SopInstanceUid],
                header.GetStringOrDefault(DicomTag.FrameOfReferenceUID)));
        }

        var study = StudyContextReader.Read(first.Header);
        var language = options.Value.ReportLanguage == "en" ? ReportLanguage.English : ReportLanguage.French;
        return new ReportDocument
        {
            Study = study,
            Text = FindingNarrative.Text(study, reportFindings, language),
            Findings = reportFindings,
            Algorithms = [.. findings.Runs.Select(r => new AlgorithmIdentity(r.ModelId, r.ModelVersion)).Distinct()],
            KeyImages = [.. KeyImages(reportFindings, HeaderOf)],
            SourceImages = [.. instances.Select(i => new SourceImage(i.SeriesInstanceUid, i.SopClassUid, i.SopInstanceUid))],
            Language = language,
            CreatedAt = time.GetUtcNow(),
        };
    }

    private static List<KeyImage> KeyImages(IReadOnlyList<ReportFinding> findings,
        Func<string, (DicomDataset Header, string Path)> headerOf)
    {
        var images = new List<KeyImage>();
        foreach (var region in findings.Select(f => f.Region).DistinctBy(r => (r.SopInstanceUid, r.Frame)).Take(MaxKeyImages))
        {
            if (Render(headerOf(region.SopInstanceUid).Path, (region.Frame ?? 1) - 1) is { Channels: 1 } rendering)
            {
                images.Add(new KeyImage(region.SopInstanceUid, region.Frame, rendering.Width, rendering.Height, rendering.Pixels));
            }
        }
        return images;
    }

    /// <summary>The frame rendered, or null when its image cannot be (its pixel module does not fit its data, a syntax
    /// we do not decode, a frame it does not have): the report then goes without that key image rather than not at all.</summary>
    private static DicomRendering? Render(string path, int frame)
    {
        try
        {
            using var file = DicomFile.Open(path);
            return DicomRenderer.Render(new DicomPixelData(file.Dataset, file.TransferSyntax), frame);
        }
        catch (Exception e) when (e is DicomPixelModuleException or DicomFormatException or DicomValueException or NotSupportedException
            or ArgumentOutOfRangeException)
        {
            return null; // ArgumentOutOfRangeException: a finding's frame the image does not have
        }
    }
}
