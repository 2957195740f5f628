using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Reports;
using Airadcr.Inference.Engine;
using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Engine.Imaging;
using Airadcr.Reporting;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Offline;

/// <summary>
/// <c>report DIR --out OUT</c>: analyses the DICOM study in DIR (through the inference service when
/// <c>Gateway:InferenceUrl</c> or <c>services:inference:http:0</c> is set, in-process otherwise) and writes <c>ai-sr.dcm</c>, <c>report.pdf</c>,
/// <c>report-pdf.dcm</c> and <c>diagnostic-report.json</c> into OUT. Exit codes: 0 done, 1 failed (reason on stderr), 2 usage.
/// </summary>
public static class ReportCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter error)
    {
        if (args is not [var input, "--out", var output] || !Directory.Exists(input))
        {
            await error.WriteLineAsync("usage: Airadcr.DicomGateway report DIR --out OUT   (DIR: a folder holding one DICOM study)");
            return 2;
        }
        try
        {
            var files = ReadStudyFiles(input);
            var findings = (configuration["Gateway:InferenceUrl"] ?? configuration["services:inference:http:0"]) is { Length: > 0 } url
                ? await AnalyzeRemotelyAsync(url, files)
                : await AnalyzeInProcessAsync(files, configuration);
            var options = new GatewayOptions();
            configuration.GetSection(GatewayOptions.SectionName).Bind(options);
            var report = new StudyReportBuilder(Options.Create(options), TimeProvider.System).Build(files, findings);
            await ReportArtefacts.Create(report).SaveAsync(output, signed: false, CancellationToken.None);
            return 0;
        }
        catch (Exception e) when (e is DicomFormatException or AnalysisRejectedException or HttpRequestException or InvalidOperationException or IOException)
        {
            await error.WriteLineAsync("report failed: " + e.Message);
            return 1;
        }
    }

    /// <summary>The DICOM instances under DIR (other files are ignored); they must belong to one study.</summary>
    private static List<StudyFile> ReadStudyFiles(string directory)
    {
        var files = new List<(StudyFile File, string Study)>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                using var file = DicomFile.Open(path, new DicomReadOptions { StopBeforePixelData = true, AllowMissingPreamble = false });
                var dataset = file.Dataset;
                files.Add((new StudyFile(dataset.GetString(DicomTag.SeriesInstanceUID), dataset.GetString(DicomTag.SOPClassUID),
                    dataset.GetString(DicomTag.SOPInstanceUID), path), dataset.GetString(DicomTag.StudyInstanceUID)));
            }
            catch (DicomFormatException)
            {
                // not a DICOM file
            }
        }
        if (files.Select(f => f.Study).Distinct().Count() != 1)
        {
            throw new InvalidOperationException($"DIR must hold exactly one study ({files.Select(f => f.Study).Distinct().Count()} found)");
        }
        return [.. files.Select(f => f.File)];
    }

    private static async Task<StudyFindings> AnalyzeRemotelyAsync(string url, IReadOnlyList<StudyFile> files)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(15) };
        using var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(file.Path)), "files", Path.GetFileName(file.Path));
        }
        using var response = await http.PostAsync("v1/analyses", form);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"inference answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return await response.Content.ReadFromJsonAsync<StudyFindings>(Json) ?? throw new HttpRequestException("empty inference answer");
    }

    /// <summary>The same engine the inference service runs, in this process; its result read as the service's JSON.</summary>
    private static async Task<StudyFindings> AnalyzeInProcessAsync(IReadOnlyList<StudyFile> files, IConfiguration configuration)
    {
        var services = new ServiceCollection().AddLogging().AddInferenceEngine(configuration);
        await using var provider = services.BuildServiceProvider();
        var instances = files.Select(f => new StoredInstance(f.SopInstanceUid, File.ReadAllBytes(f.Path))).ToList();
        var volumes = provider.GetRequiredService<StudyReader>().Read(instances);
        var result = await provider.GetRequiredService<StudyAnalyzer>().AnalyzeAsync(volumes, null, CancellationToken.None);
        return JsonSerializer.Deserialize<StudyFindings>(JsonSerializer.Serialize(result, Json), Json)!;
    }
}
