using System.Globalization;
using System.Net.Http.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Storage;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// Index rows are committed without their own flush; a power loss may drop the last ones (and the watermark recorded
/// after them). Simulated here on the gateway process's real storage and index: rows deleted, watermark moved back.
/// At start-up the gateway indexes those files again from the files themselves, and assembles their studies.
/// </summary>
public sealed class StorageRecoveryTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("gateway-recovery");

    [Theory]
    [InlineData(GatewayMode.Embedded)]
    [InlineData(GatewayMode.Server)]
    public async Task Instance_files_whose_rows_were_lost_are_indexed_from_their_files_at_start_up_and_their_study_assembled(GatewayMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var backends = await GatewayBackends.StartAsync(mode, ct);
        var storage = _directory.Combine("storage");
        var files = SyntheticInstances.WriteStudy(_directory.Combine("study"), 3);
        var study = StudyOf(files[0]);
        var dicomPort = FreePort.Next();
        var beforeStore = DateTimeOffset.UtcNow;
        await using (var gateway = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway-1.log"), ct, settings: backends.Environment))
        {
            (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, dicomPort, files, ct, callingAe: "MODALITY7")).EnsureSuccess();
        }
        List<string> rowsBefore;
        await using (var index = await IndexOf(storage, backends, ct))
        {
            rowsBefore = await StudyRowsAsync(index.Database, study, ct);
            Assert.Equal(3, rowsBefore.Count);
            Assert.All(rowsBefore, row => Assert.Contains("|MODALITY7|", row, StringComparison.Ordinal));
            await LoseRowsAsync(index.Database, study, ct);
            await SetWatermarkAsync(index.Database, beforeStore, ct);
            Assert.Empty(await StudyRowsAsync(index.Database, study, ct));
        }

        await using var restarted = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway-2.log"), ct, settings: backends.Environment);
        await using (var index = await IndexOf(storage, backends, ct))
        {
            Assert.Equal(rowsBefore, await StudyRowsAsync(index.Database, study, ct));
            Assert.All(await ReceivedAtAsync(index.Database, study, ct), row =>
                Assert.Equal(new DateTimeOffset(File.GetLastWriteTimeUtc(row.Path), TimeSpan.Zero), row.ReceivedAt));
        }
        await GatewayWait.UntilAsync(restarted, async () => (await GatewayWait.JobsAsync(restarted, ct)).Any(job => job.StudyInstanceUid == study),
            "the recovered study's analysis job", ct);
        var summary = await restarted.HttpClient.GetFromJsonAsync<StudySummary>($"/studies/{study}", ct);
        Assert.Equal(("complete", 3), (summary!.State, summary.InstanceCount));
    }

    [Fact]
    public async Task The_scan_reads_only_series_folders_changed_since_the_watermark_and_never_indexes_a_file_cut_short()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var backends = await GatewayBackends.StartAsync(GatewayMode.Embedded, ct);
        var storage = _directory.Combine("storage");
        var old = SyntheticInstances.WriteStudy(_directory.Combine("old"), 2);
        var recent = SyntheticInstances.WriteStudy(_directory.Combine("recent"), 3);
        var dicomPort = FreePort.Next();
        await using (var gateway = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway-1.log"), ct))
        {
            (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, dicomPort, [.. old, .. recent], ct)).EnsureSuccess();
        }
        await using (var index = await IndexOf(storage, backends, ct))
        {
            var watermark = await new IndexWatermark(index.Database).ReadAsync(ct);
            Assert.NotNull(watermark); // recorded when the gateway stopped
            await LoseRowsAsync(index.Database, StudyOf(old[0]), ct);
            await LoseRowsAsync(index.Database, StudyOf(recent[0]), ct);
            // Both studies' rows lost; the old study's folder was last changed long before the watermark, the recent
            // one's shortly before it (within the margin).
            Directory.SetLastWriteTimeUtc(Path.GetDirectoryName(StoredPath(storage, old[0]))!,
                (watermark.Value - StorageRecovery.Margin - TimeSpan.FromHours(1)).UtcDateTime);
            Directory.SetLastWriteTimeUtc(Path.GetDirectoryName(StoredPath(storage, recent[0]))!, (watermark.Value - StorageRecovery.Margin / 2).UtcDateTime);
        }
        // A recent file cut short (placed, never flushed, then a power loss): not indexed, left in place.
        var cut = StoredPath(storage, recent[2]);
        using (var stream = new FileStream(cut, FileMode.Open))
        {
            stream.SetLength(stream.Length - 1000);
        }

        await using var restarted = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway-2.log"), ct);
        await using (var index = await IndexOf(storage, backends, ct))
        {
            Assert.Empty(await StudyRowsAsync(index.Database, StudyOf(old[0]), ct));
            Assert.Equal([.. recent.Take(2).Select(SyntheticInstances.SopOf).Order(StringComparer.Ordinal)],
                (await StudyRowsAsync(index.Database, StudyOf(recent[0]), ct)).Select(row => row.Split('|')[0]));
        }
        Assert.True(File.Exists(cut));
    }

    private static string StudyOf(string file)
    {
        using var dicom = DicomFile.Open(file, new DicomReadOptions { StopBeforePixelData = true });
        return dicom.Dataset.GetString(DicomTag.StudyInstanceUID)!;
    }

    /// <summary>Where the gateway stored a sent file: <c>{storage}/{study}/{series}/{sop}.dcm</c>.</summary>
    private static string StoredPath(string storage, string sent)
    {
        using var dicom = DicomFile.Open(sent, new DicomReadOptions { StopBeforePixelData = true });
        return Path.Combine(storage, dicom.Dataset.GetString(DicomTag.StudyInstanceUID)!, dicom.Dataset.GetString(DicomTag.SeriesInstanceUID)!,
            SyntheticInstances.SopOf(sent) + ".dcm");
    }

    /// <summary>The gateway's index, opened by this test process while the gateway is stopped (or beside it).</summary>
    private sealed class IndexConnection(GatewayDatabase database) : IAsyncDisposable
    {
        public GatewayDatabase Database => database;

        public async ValueTask DisposeAsync()
        {
            if (database is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private static async Task<IndexConnection> IndexOf(string storage, GatewayBackends backends, CancellationToken ct) =>
        new(backends.Settings.TryGetValue("ConnectionStrings:gatewaydb", out var connectionString)
            ? await PostgresGatewayDatabase.OpenAsync(connectionString, ct)
            : await SqliteGatewayDatabase.OpenAsync(Path.Combine(storage, "gateway.db"), ct));

    /// <summary>Every indexed field of the study's instances (series, study and patient included), one line per instance.</summary>
    private static async Task<List<string>> StudyRowsAsync(GatewayDatabase database, string study, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = GatewayDatabase.Command(connection, """
            SELECT i.sop_instance_uid, i.series_uid, i.sop_class_uid, i.transfer_syntax_uid, i.instance_number, i.path, i.size_bytes,
                   i.calling_ae, se.modality, se.series_number, se.description, s.study_uid, s.accession_number, s.study_date,
                   s.description, p.patient_id, p.patient_name, p.birth_date, p.sex
            FROM instances i JOIN series se ON se.series_uid = i.series_uid JOIN studies s ON s.study_uid = se.study_uid
            LEFT JOIN patients p ON p.patient_key = s.patient_key
            WHERE s.study_uid = @study ORDER BY i.sop_instance_uid
            """, ("@study", study));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount)
                .Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    private static async Task<List<(string Path, DateTimeOffset ReceivedAt)>> ReceivedAtAsync(GatewayDatabase database, string study, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = GatewayDatabase.Command(connection,
            "SELECT i.path, i.received_at FROM instances i JOIN series se ON se.series_uid = i.series_uid WHERE se.study_uid = @study", ("@study", study));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(string, DateTimeOffset)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    /// <summary>What a power loss takes from the index: the study's rows, and its analysis job committed after them.</summary>
    private static Task LoseRowsAsync(GatewayDatabase database, string study, CancellationToken ct) =>
        database.InWriteTransactionAsync(async connection =>
        {
            foreach (var sql in new[]
                     {
                         "DELETE FROM analysis_jobs WHERE study_uid = @study",
                         "DELETE FROM instances WHERE series_uid IN (SELECT series_uid FROM series WHERE study_uid = @study)",
                         "DELETE FROM series WHERE study_uid = @study",
                         "DELETE FROM studies WHERE study_uid = @study",
                     })
            {
                await GatewayDatabase.ExecuteAsync(connection, sql, ct, ("@study", study));
            }
            return 0;
        }, ct);

    /// <summary>The watermark as it was before the lost commits (a later one was lost with them).</summary>
    private static Task SetWatermarkAsync(GatewayDatabase database, DateTimeOffset durableBefore, CancellationToken ct) =>
        new IndexWatermark(database).RecordAsync(durableBefore, ct);

    public void Dispose() => _directory.Dispose();
}
