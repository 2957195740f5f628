using System.Text.Json;
using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Offline;
using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.Inference.Tests.Dicom;

public sealed class OfflineAnalysisTests
{
    [Fact]
    public async Task Analyze_DIR_prints_the_findings_json_of_the_DICOM_files_in_it()
    {
        var folder = Directory.CreateTempSubdirectory("airadcr-offline-");
        try
        {
            foreach (var (name, bytes) in StudyUploads.ChestCt)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder.FullName, name), bytes, TestContext.Current.CancellationToken);
            }

            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await OfflineAnalysis.RunAsync([folder.FullName], output, error);

            Assert.True(exit == 0, error.ToString());
            var result = JsonSerializer.Deserialize<AnalysisResult>(output.ToString(), OfflineAnalysis.Json)!;
            NoduleExpectations.AssertFound(result.Findings);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Analyze_without_a_folder_prints_usage_and_exits_2()
    {
        var error = new StringWriter();

        var exit = await OfflineAnalysis.RunAsync(["/nonexistent/folder"], TextWriter.Null, error);

        Assert.Equal(2, exit);
        Assert.StartsWith("usage: Airadcr.Inference analyze DIR", error.ToString());
    }

    [Fact]
    public async Task Analyze_of_a_folder_without_DICOM_images_exits_3_with_the_reason()
    {
        var folder = Directory.CreateTempSubdirectory("airadcr-offline-");
        try
        {
            var error = new StringWriter();

            var exit = await OfflineAnalysis.RunAsync([folder.FullName], TextWriter.Null, error);

            Assert.Equal(3, exit);
            Assert.Contains("the study has no instance", error.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
