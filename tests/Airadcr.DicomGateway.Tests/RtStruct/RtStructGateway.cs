using System.Net.Http.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.RtStruct;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests.RtStruct;

/// <summary>Synthetic CT + RTSTRUCT studies for the gateway's structure-set tests, and waiting on a set's state over HTTP.</summary>
internal static class RtStructGateway
{
    /// <summary>A small CT (32x32, 12 slices) with a sphere and a box.</summary>
    public static SyntheticRtStudy WriteStudy(string directory) =>
        SyntheticRtStudy.Write(directory, new SyntheticCtGrid(Columns: 32, Rows: 32, Slices: 12, X0: -16, Y0: -16, Z0: -12),
            [new SyntheticSphere("GTV", 0, 0, 0, 6), new SyntheticBox("PTV_box", -8, -8, -6, 8, 8, 6, 0, 255, 0)]);

    /// <summary>
    /// An RTSTRUCT in <paramref name="study"/>'s study whose contours reference images of another frame of reference
    /// that the gateway never receives.
    /// </summary>
    public static string WriteForeignStructureSet(SyntheticRtStudy study, string path)
    {
        var grid = new SyntheticCtGrid(Columns: 32, Rows: 32, Slices: 12, X0: -16, Y0: -16, Z0: -12);
        var foreignImages = Enumerable.Range(0, grid.SliceCount).Select(_ => DicomUidGenerator.New()).ToList();
        var dataset = SyntheticRtStudy.StructureSet(grid, study.Shapes, study.StudyInstanceUid, DicomUidGenerator.New(), DicomUidGenerator.New(), foreignImages);
        DicomFileWriter.Write(path, new DicomFile(dataset), DicomTransferSyntax.ExplicitVRLittleEndian);
        return path;
    }

    /// <summary>The set of <paramref name="studyInstanceUid"/> once <paramref name="until"/> holds (polled over the admin API).</summary>
    public static async Task<RtStructureSetStatus> WaitForSetAsync(HttpClient http, string studyInstanceUid, Func<RtStructureSetStatus, bool> until,
        string what, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        RtStructureSetStatus? last = null;
        while (!deadline.IsCancellationRequested)
        {
            var page = await http.GetFromJsonAsync<RtStructureSetPage>("/admin/rtstruct?limit=200", ct);
            last = page!.Items.FirstOrDefault(set => set.StudyInstanceUid == studyInstanceUid);
            if (last is not null && until(last))
            {
                return last;
            }
            await Task.Delay(100, ct);
        }
        Assert.Fail($"timed out waiting for {what}; last seen: {last}");
        return last!;
    }
}
