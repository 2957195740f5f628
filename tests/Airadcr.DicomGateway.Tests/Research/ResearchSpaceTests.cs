using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Storage;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Research;
using Airadcr.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.DicomGateway.Tests.Research;

/// <summary>
/// The research space over studies the gateway received over DIMSE: what researchers get (rows, DICOMweb, exports)
/// carries no original identifier, refused instances are listed with their reason and leave no file, pseudonyms are
/// sealed in the database and re-identified only with a reason. Run in embedded mode (SQLite, generated key file) and in
/// server mode (PostgreSQL, configured key).
/// </summary>
public abstract class ResearchSpaceTests(ResearchFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly HttpClient _http = fixture.Gateway.CreateClient();

    private async Task<List<ResearchStudyRow>> RowsAsync(string projectId) =>
        (await _http.GetFromJsonAsync<List<ResearchStudyRow>>(ResearchFixture.Path(projectId, "/studies"), Token))!;

    private async Task<ResearchStudyRow> AnalysedRowAsync(string projectId) =>
        (await RowsAsync(projectId)).Single(r => r.State == ResearchStates.Done);

    private string Web(string projectId, string rest) => ResearchFixture.Path(projectId, "/dicom-web/studies" + rest);

    [Fact]
    public async Task The_study_list_holds_the_deidentified_values_and_no_identifier()
    {
        var json = await _http.GetStringAsync(ResearchFixture.Path(fixture.ProjectId, "/studies"), Token);

        Assert.Empty(fixture.OriginalsIn(json));
        var rows = JsonSerializer.Deserialize<List<ResearchStudyRow>>(json, JsonSerializerOptions.Web)!;
        Assert.Equal(2, rows.Count);
        var analysed = rows.Single(r => r.State == ResearchStates.Done);
        Assert.True(DicomUid.IsValid(analysed.StudyKey!));
        Assert.False(string.IsNullOrEmpty(analysed.PatientPseudonym));
        Assert.Equal("", analysed.StudyDate); // the basic profile removes dates
        Assert.Equal((3, 6, 1), (analysed.SeriesCount, analysed.InstanceCount, analysed.FindingsCount)); // CT + the de-identified AI SR and PDF
        Assert.Equal(["CT", "DOC", "SR"], analysed.Modality!.Split('\\').Order());
    }

    [Fact]
    public async Task A_refused_burned_in_instance_is_listed_as_failed_with_its_reason_and_leaves_no_file()
    {
        var mixed = (await RowsAsync(fixture.ProjectId)).Single(r => r.State == ResearchStates.Failed);

        Assert.Contains("1 of 2 instance(s) refused", mixed.Error);
        Assert.Contains("Burned In Annotation", mixed.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, mixed.InstanceCount);
        var project = Path.Combine(fixture.Gateway.StoragePath, "research", fixture.ProjectId);
        var copies = Directory.EnumerateFiles(project, "*.dcm", SearchOption.AllDirectories).Where(f => !f.Contains("/exports/", StringComparison.Ordinal)).ToList();
        Assert.Equal(6 + 1, copies.Count);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(project, ".incoming")));
    }

    [Fact]
    public async Task A_damaged_stored_file_is_listed_with_its_reason_and_leaves_no_file()
    {
        var id = await ResearchFixture.CreateAsync(_http, new { name = "Damaged", profile = "basic", studyInstanceUids = new[] { fixture.Damaged.StudyUid } }, Token);
        await ResearchFixture.RunAsync(_http, id, Token);

        var json = await _http.GetStringAsync(ResearchFixture.Path(id, "/studies"), Token);
        var row = Assert.Single(JsonSerializer.Deserialize<List<ResearchStudyRow>>(json, JsonSerializerOptions.Web)!);
        Assert.Equal((ResearchStates.Failed, null, 0), (row.State, row.StudyKey, row.InstanceCount));
        Assert.StartsWith("1 of 1 instance(s) refused: not de-identified: ", row.Error);
        Assert.Empty(fixture.OriginalsIn(json));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(fixture.Gateway.StoragePath, "research", id), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Qido_and_metadata_answer_with_the_research_copies_only()
    {
        var row = await AnalysedRowAsync(fixture.ProjectId);

        var studies = await _http.GetStringAsync(Web(fixture.ProjectId, ""), Token);
        Assert.Empty(fixture.OriginalsIn(studies));
        Assert.Equal(2, ResearchFixture.Parse(studies).GetArrayLength());
        var byUid = ResearchFixture.Parse(await _http.GetStringAsync(Web(fixture.ProjectId, $"?StudyInstanceUID={row.StudyKey}"), Token));
        Assert.Equal(row.StudyKey, Assert.Single(byUid.EnumerateArray()).GetProperty("0020000D").GetProperty("Value")[0].GetString());
        Assert.Single(ResearchFixture.Parse(await _http.GetStringAsync(Web(fixture.ProjectId, $"?PatientID={row.PatientPseudonym}&ModalitiesInStudy=SR"), Token))
            .EnumerateArray());
        Assert.Equal(0, ResearchFixture.Parse(await _http.GetStringAsync(Web(fixture.ProjectId, "?ModalitiesInStudy=MR"), Token)).GetArrayLength());

        var series = ResearchFixture.Parse(await _http.GetStringAsync(Web(fixture.ProjectId, $"/{row.StudyKey}/series"), Token));
        var ct = series.EnumerateArray().Single(s => s.GetProperty("00080060").GetProperty("Value")[0].GetString() == "CT");
        var seriesKey = ct.GetProperty("0020000E").GetProperty("Value")[0].GetString();
        var instances = ResearchFixture.Parse(await _http.GetStringAsync(Web(fixture.ProjectId, $"/{row.StudyKey}/series/{seriesKey}/instances"), Token));
        Assert.Equal(4, instances.GetArrayLength());

        foreach (var metadataPath in new[] { $"/{row.StudyKey}/metadata", $"/{row.StudyKey}/series/{seriesKey}/metadata" })
        {
            var metadata = await _http.GetStringAsync(Web(fixture.ProjectId, metadataPath), Token);
            Assert.Empty(fixture.OriginalsIn(metadata));
            var first = ResearchFixture.Parse(metadata).EnumerateArray().First(i => i.TryGetProperty("7FE00010", out _));
            Assert.StartsWith(ResearchFixture.Path(fixture.ProjectId, "/dicom-web/studies/"), first.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString());
            Assert.Equal("YES", first.GetProperty("00120062").GetProperty("Value")[0].GetString()); // Patient Identity Removed
        }
    }

    [Fact]
    public async Task Other_projects_and_studies_outside_the_research_space_are_404()
    {
        var row = await AnalysedRowAsync(fixture.ProjectId);
        var other = await AnalysedRowAsync(fixture.QueryProjectId);
        Assert.NotEqual(row.StudyKey, other.StudyKey); // each project its own secret, its own pseudonyms

        foreach (var path in new[]
                 {
                     Web(fixture.ProjectId, $"/{fixture.Analysed.StudyUid}/series"), // the original UID
                     Web(fixture.ProjectId, $"/{fixture.Outside.StudyUid}/metadata"), // a study in no project
                     Web(fixture.ProjectId, $"/{other.StudyKey}/series"), // another project's copy
                     Web(fixture.QueryProjectId, $"/{row.StudyKey}/metadata"),
                     Web(Guid.NewGuid().ToString("N"), ""),
                 })
        {
            using var response = await _http.GetAsync(path, Token);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, path);
        }
    }

    [Fact]
    public async Task Frames_and_instances_are_the_research_copy_with_its_pixels()
    {
        var row = await AnalysedRowAsync(fixture.ProjectId);
        var instance = ResearchFixture.Parse(await _http.GetStringAsync(Web(fixture.ProjectId, $"?StudyInstanceUID={row.StudyKey}"), Token));
        var ctSeries = ResearchFixture.Parse(await _http.GetStringAsync(Web(fixture.ProjectId, $"/{row.StudyKey}/series?Modality=CT"), Token))[0]
            .GetProperty("0020000E").GetProperty("Value")[0].GetString();
        var sop = ResearchFixture.Parse(await _http.GetStringAsync(Web(fixture.ProjectId, $"/{row.StudyKey}/series/{ctSeries}/instances"), Token))[0]
            .GetProperty("00080018").GetProperty("Value")[0].GetString();
        Assert.Equal(1, instance.GetArrayLength());
        using var original = DicomFile.Open(PydicomCorpus.File("CT_small.dcm"));
        var pixels = new DicomPixelData(original.Dataset, original.TransferSyntax).GetFrameBytes(0).ToArray();

        foreach (var accept in new[] { "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=1.2.840.10008.1.2.1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Web(fixture.ProjectId, $"/{row.StudyKey}/series/{ctSeries}/instances/{sop}/frames/1"));
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await _http.SendAsync(request, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("multipart/related", response.Content.Headers.ContentType!.MediaType);
            var body = await response.Content.ReadAsByteArrayAsync(Token);
            var start = body.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
            Assert.Contains("transfer-syntax=1.2.840.10008.1.2.1", Encoding.ASCII.GetString(body, 0, start));
            Assert.Equal(pixels, body[start..(start + pixels.Length)]);
        }

        using var frame2 = await _http.GetAsync(Web(fixture.ProjectId, $"/{row.StudyKey}/series/{ctSeries}/instances/{sop}/frames/2"), Token);
        Assert.Equal(HttpStatusCode.NotFound, frame2.StatusCode);
        var part10 = await _http.GetByteArrayAsync(Web(fixture.ProjectId, $"/{row.StudyKey}/series/{ctSeries}/instances/{sop}"), Token);
        using var copy = DicomFile.Read(part10);
        Assert.Equal(row.PatientPseudonym, copy.Dataset.GetString(DicomTag.PatientID));
        Assert.Empty(fixture.OriginalsIn(Encoding.Latin1.GetString(part10)));
        // The same scan finds the identifiers in the gateway's own copy of an original.
        var stored = Path.Combine(fixture.Gateway.StoragePath, fixture.Analysed.StudyUid, fixture.Analysed.SeriesUid, fixture.Analysed.SopUids[0] + ".dcm");
        Assert.Contains(fixture.Analysed.PatientId, fixture.OriginalsIn(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(stored, Token))));
    }

    [Fact]
    public async Task A_compressed_frame_goes_as_stored_or_decoded_when_asked()
    {
        var row = Assert.Single(await RowsAsync(fixture.CompressedProjectId));
        var series = ResearchFixture.Parse(await _http.GetStringAsync(Web(fixture.CompressedProjectId, $"/{row.StudyKey}/series"), Token))[0]
            .GetProperty("0020000E").GetProperty("Value")[0].GetString();
        var instance = ResearchFixture.Parse(await _http.GetStringAsync(Web(fixture.CompressedProjectId, $"/{row.StudyKey}/series/{series}/instances"), Token))[0];
        var sop = instance.GetProperty("00080018").GetProperty("Value")[0].GetString();
        Assert.Equal(DicomUids.RLELossless, instance.GetProperty("00083002").GetProperty("Value")[0].GetString());
        var frames = Web(fixture.CompressedProjectId, $"/{row.StudyKey}/series/{series}/instances/{sop}/frames/1");
        using var copy = DicomFile.Read(await _http.GetByteArrayAsync(Web(fixture.CompressedProjectId, $"/{row.StudyKey}/series/{series}/instances/{sop}"), Token));
        using var original = DicomFile.Open(PydicomCorpus.File("CT_small.dcm"));

        var (storedSyntax, stored) = await FrameAsync(frames, "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
        var (decodedSyntax, decoded) = await FrameAsync(frames, "multipart/related; type=\"application/octet-stream\"; transfer-syntax=1.2.840.10008.1.2.1");

        var fragment = ((DicomFragmentSequence)copy.Dataset[DicomTag.PixelData]!).Fragments[0].ToArray();
        Assert.Equal(DicomUids.RLELossless, storedSyntax);
        Assert.Equal(fragment, stored);
        Assert.Equal(DicomUids.ExplicitVRLittleEndian, decodedSyntax);
        Assert.Equal(new DicomPixelData(original.Dataset, original.TransferSyntax).GetFrameBytes(0).ToArray(), decoded);
    }

    /// <summary>The single part of a frames answer: its transfer syntax and bytes.</summary>
    private async Task<(string Syntax, byte[] Bytes)> FrameAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!;
        var body = await response.Content.ReadAsByteArrayAsync(Token);
        var start = body.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        var end = body.AsSpan().LastIndexOf(Encoding.ASCII.GetBytes($"\r\n--{boundary}--"));
        var headers = Encoding.ASCII.GetString(body, 0, start);
        return (headers[(headers.IndexOf("transfer-syntax=", StringComparison.Ordinal) + "transfer-syntax=".Length)..].Trim(), body[start..end]);
    }

    [Fact]
    public async Task An_export_holds_no_identifier_and_its_manifest_matches_the_findings()
    {
        using var started = await _http.PostAsync(ResearchFixture.Path(fixture.ProjectId, "/exports"), null, Token);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var exportId = (await started.Content.ReadFromJsonAsync<ExportStarted>(Token))!.ExportId;
        var progressPath = ResearchFixture.Path(fixture.ProjectId, $"/exports/{exportId}");
        ExportProgress progress;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while ((progress = (await _http.GetFromJsonAsync<ExportProgress>(progressPath, Token))!).State is "queued" or "running")
        {
            Assert.False(deadline.IsCancellationRequested, "the export is still running");
            await Task.Delay(100, Token);
        }
        Assert.Equal(("done", 7, 7), (progress.State, progress.FilesDone, progress.FilesTotal));

        var zipBytes = await _http.GetByteArrayAsync(progressPath + "/file", Token);
        Assert.Equal(progress.Bytes, zipBytes.Length);
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        var row = await AnalysedRowAsync(fixture.ProjectId);
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            await using (var stream = entry.Open())
            {
                await stream.CopyToAsync(content, Token);
            }
            Assert.Empty(fixture.OriginalsIn(entry.FullName + Encoding.Latin1.GetString(content.ToArray())));
            if (entry.FullName.EndsWith(".dcm", StringComparison.Ordinal) && DicomFile.Read(content.ToArray()) is var dicom
                && dicom.Dataset.GetStringOrDefault(DicomTag.Modality) == "DOC")
            {
                Assert.Empty(fixture.OriginalsIn(await PdfTextAsync(dicom.Dataset.GetElement(DicomTag.EncapsulatedDocument).Data.ToArray())));
            }
        }
        Assert.Equal(9, zip.Entries.Count); // 7 files and the two manifests

        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var study = manifest.RootElement.GetProperty("studies").EnumerateArray().Single(s => s.GetProperty("studyKey").GetString() == row.StudyKey);
        var finding = Assert.Single(study.GetProperty("findings").EnumerateArray());
        Assert.Equal(("Nodule", ResearchFixture.FindingModel, ResearchFixture.FindingConfidence),
            (finding.GetProperty("label").GetString(), finding.GetProperty("model").GetString(), finding.GetProperty("confidence").GetDouble()));
        var location = finding.GetProperty("location");
        Assert.Equal((40, 50, 12, 10), (location.GetProperty("x").GetInt32(), location.GetProperty("y").GetInt32(),
            location.GetProperty("width").GetInt32(), location.GetProperty("height").GetInt32()));
        // The finding's instance is the second slice's copy: its key names a file of the ZIP.
        var slice = zip.GetEntry($"{row.StudyKey}/{location.GetProperty("seriesKey").GetString()}/{location.GetProperty("sopKey").GetString()}.dcm")!;
        using (var sliceBytes = new MemoryStream())
        {
            await using (var stream = slice.Open())
            {
                await stream.CopyToAsync(sliceBytes, Token);
            }
            Assert.Equal("2", DicomFile.Read(sliceBytes.ToArray()).Dataset.GetString(DicomTag.InstanceNumber).Trim());
        }
        using var csv = new StreamReader(zip.GetEntry("manifest.csv")!.Open());
        var lines = (await csv.ReadToEndAsync(Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("study_key,patient_pseudonym,", lines[0]);
        Assert.Contains(lines, line => line.StartsWith($"{row.StudyKey},{row.PatientPseudonym},", StringComparison.Ordinal)
            && line.Contains(",1,Nodule,27925004,0.81,ct-nodule-candidates,", StringComparison.Ordinal));
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, pdf, Token);
            return (await ExternalTool.RunAsync("pdftotext", "poppler-utils", [path, "-"], Token)).EnsureSuccess().StandardOutput;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Reidentification_needs_a_reason_and_gives_the_original_of_one_pseudonym()
    {
        var row = await AnalysedRowAsync(fixture.ProjectId);
        var path = ResearchFixture.Path(fixture.ProjectId, "/reidentify");

        using var noReason = await _http.PostAsJsonAsync(path, new { pseudonym = row.PatientPseudonym, reason = " ", actor = "admin-1" }, Token);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("application/problem+json", noReason.Content.Headers.ContentType!.MediaType);
        Assert.True(ResearchFixture.Parse(await noReason.Content.ReadAsStringAsync(Token)).GetProperty("errors").TryGetProperty("reason", out _));

        using var patient = await _http.PostAsJsonAsync(path, new { pseudonym = row.PatientPseudonym, reason = "incidental finding follow-up", actor = "admin-1" }, Token);
        Assert.Equal(new Reidentified("PatientID", fixture.Analysed.PatientId), await patient.Content.ReadFromJsonAsync<Reidentified>(Token));
        using var study = await _http.PostAsJsonAsync(path, new { pseudonym = row.StudyKey, reason = "audit", actor = "admin-1" }, Token);
        Assert.Equal(new Reidentified("StudyInstanceUID", fixture.Analysed.StudyUid), await study.Content.ReadFromJsonAsync<Reidentified>(Token));

        using var unknown = await _http.PostAsJsonAsync(path, new { pseudonym = "2.25.1", reason = "audit", actor = "admin-1" }, Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_research_tables_hold_no_original_in_clear()
    {
        var database = fixture.Gateway.Services.GetRequiredService<GatewayDatabase>();
        var stored = new StringBuilder();
        await using var connection = await database.OpenAsync(Token);
        foreach (var table in new[] { "research_projects", "research_studies", "research_files", "research_pseudonyms", "research_exports" })
        {
            await using var command = GatewayDatabase.Command(connection, $"SELECT * FROM {table}");
            await using var reader = await command.ExecuteReaderAsync(Token);
            while (await reader.ReadAsync(Token))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    stored.Append(reader.GetValue(i) switch
                    {
                        byte[] bytes => Encoding.Latin1.GetString(bytes),
                        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                    }).Append('|');
                }
            }
        }
        Assert.Contains("PatientID", stored.ToString()); // the pseudonym rows are there, sealed
        Assert.Empty(fixture.OriginalsIn(stored.ToString()));
    }

    [Fact]
    public async Task A_query_project_takes_the_studies_with_the_finding_type()
    {
        var rows = await RowsAsync(fixture.QueryProjectId);

        var row = Assert.Single(rows);
        Assert.Equal((ResearchStates.Done, 1), (row.State, row.FindingsCount));
    }

    [Fact]
    public async Task Running_a_project_again_makes_no_file_again()
    {
        var project = Path.Combine(fixture.Gateway.StoragePath, "research", fixture.ProjectId);
        var before = Directory.EnumerateFiles(project, "*.dcm", SearchOption.AllDirectories).Where(f => !f.Contains("/exports/", StringComparison.Ordinal))
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var rowsBefore = await RowsAsync(fixture.ProjectId);

        await ResearchFixture.RunAsync(_http, fixture.ProjectId, Token);

        var after = Directory.EnumerateFiles(project, "*.dcm", SearchOption.AllDirectories).Where(f => !f.Contains("/exports/", StringComparison.Ordinal))
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.Equal(before.OrderBy(p => p.Key), after.OrderBy(p => p.Key));
        Assert.Equal(rowsBefore.OrderBy(r => r.StudyKey), (await RowsAsync(fixture.ProjectId)).OrderBy(r => r.StudyKey));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_details()
    {
        var unknown = Guid.NewGuid().ToString("N");
        foreach (var path in new[] { ResearchFixture.Path(unknown), ResearchFixture.Path(unknown, "/studies"), ResearchFixture.Path("not-a-project") })
        {
            using var response = await _http.GetAsync(path, Token);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
        using (var run = await _http.PostAsync(ResearchFixture.Path(unknown, "/run"), null, Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, run.StatusCode);
        }

        using var malformed = await _http.PostAsync("/admin/research/projects", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType!.MediaType);

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { name = "x", profile = "basic", studyInstanceUids = new[] { fixture.Analysed.StudyUid }, query = new { modality = "CT" } }, "studyInstanceUids"),
                     (new { name = "x", profile = "basic", studyInstanceUids = new[] { "not a uid" } }, "studyInstanceUids"),
                     (new { name = "x", profile = "basic+no-such-option", studyInstanceUids = new[] { fixture.Analysed.StudyUid } }, "profile"),
                     (new { name = "", profile = "basic", studyInstanceUids = new[] { fixture.Analysed.StudyUid } }, "name"),
                     (new { name = "x", profile = "basic", query = new { from = "15/01/2024" } }, "query.from"),
                 })
        {
            using var response = await _http.PostAsJsonAsync("/admin/research/projects", body, Token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(ResearchFixture.Parse(await response.Content.ReadAsStringAsync(Token)).GetProperty("errors").TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Deleting_a_project_removes_its_research_copies()
    {
        var id = await ResearchFixture.CreateAsync(_http, new { name = "To delete", profile = "basic", studyInstanceUids = new[] { fixture.Outside.StudyUid } }, Token);
        await ResearchFixture.RunAsync(_http, id, Token);
        var folder = Path.Combine(fixture.Gateway.StoragePath, "research", id);
        Assert.Single(Directory.EnumerateFiles(folder, "*.dcm", SearchOption.AllDirectories));

        using var deleted = await _http.DeleteAsync(ResearchFixture.Path(id), Token);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(Directory.Exists(folder));
        using var gone = await _http.GetAsync(ResearchFixture.Path(id), Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}

public sealed class EmbeddedResearchSpaceTests(EmbeddedResearchFixture fixture) : ResearchSpaceTests(fixture), IClassFixture<EmbeddedResearchFixture>
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Without_a_configured_key_the_data_key_is_generated_owner_only_in_the_storage_folder()
    {
        var key = Path.Combine(fixture.Gateway.StoragePath, ResearchKeys.KeyFileName);

        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(key)).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    [Fact]
    public async Task The_database_file_holds_no_pseudonymised_frame_of_reference_in_clear()
    {
        // The index keeps no Frame of Reference UID: in gateway.db only the pseudonym table has them, sealed.
        var database = fixture.Gateway.Services.GetRequiredService<GatewayDatabase>();
        await using (var connection = await database.OpenAsync(TestContext.Current.CancellationToken))
        await using (var command = GatewayDatabase.Command(connection, "SELECT COUNT(*) FROM research_pseudonyms WHERE kind = 'FrameOfReferenceUID'"))
        {
            Assert.True(Convert.ToInt32(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture) >= 2);
        }

        var files = new[] { "gateway.db", "gateway.db-wal" }.Select(name => Path.Combine(fixture.Gateway.StoragePath, name)).Where(File.Exists);
        var bytes = string.Concat(files.Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return Encoding.Latin1.GetString(copy.ToArray());
        }));
        Assert.Contains(fixture.Analysed.PatientId, bytes); // the index's own columns: the scan reads what is there
        Assert.All(new[] { fixture.Analysed, fixture.Mixed, fixture.Compressed }, study => Assert.DoesNotContain(study.FrameOfReferenceUid, bytes));
    }
}

public sealed class ServerModeResearchSpaceTests(ServerModeResearchFixture fixture) : ResearchSpaceTests(fixture), IClassFixture<ServerModeResearchFixture>;
