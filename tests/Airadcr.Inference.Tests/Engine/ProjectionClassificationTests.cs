using System.Numerics;
using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Tests.Engine;

public sealed class ProjectionClassificationTests(ShippedEngine engine)
{
    [Theory]
    [InlineData(100, 1000, 0.05, "DX-DARK")]
    [InlineData(500, 1000, 0.5, "DX-BALANCED")]
    [InlineData(900, 1000, 0.9, "DX-BRIGHT")]
    public async Task A_radiograph_is_labelled_by_its_mean_displayed_intensity(float background, float highlight, double highlightFraction, string expected)
    {
        var image = Radiograph(background, highlight, highlightFraction);

        var result = await engine.Host.Analyzer.AnalyzeAsync([image], null, TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("dx-intensity-balance", expected), (finding.ModelId, finding.Type.Code));
        Assert.InRange(finding.Confidence, 0.5, 1);
        Assert.Equal(new Airadcr.Inference.Engine.Findings.PixelBox(0, 0, 400, 300), finding.Location.BoundingBox);
        Assert.Equal("1.2.3.4.5.1", finding.Location.SopInstanceUid);
    }

    /// <summary>A 400x300 DX image: a background level and a block of highlight covering a fraction of the rows.</summary>
    private static ImageVolume Radiograph(float background, float highlight, double highlightFraction)
    {
        const int rows = 300, columns = 400;
        var pixels = new float[rows * columns];
        var highlightRows = (int)(rows * Math.Max(highlightFraction, 0.01));
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = i / columns < highlightRows ? highlight : background;
        }

        return new ImageVolume("1.2.3", "1.2.3.4", "DX", rows, columns, 0.2f, 0.2f, Vector3.UnitX, -Vector3.UnitZ,
            [new SliceGeometry("1.2.3.4.5.1", 1, Vector3.Zero)], [pixels]);
    }
}
