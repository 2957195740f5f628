using Airadcr.RtStruct;
using Airadcr.RtStruct.Bench;

if (args is ["write", var dir, var n])
{
    var study = BenchStudy.Write(dir, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture));
    Console.WriteLine(study.StructureSetFile);
    return;
}

if (args is ["process", var rs, var images, var output, var nifti, var stl, var smooth])
{
    for (var run = 0; run < 4; run++) {
    var sw = System.Diagnostics.Stopwatch.StartNew();
    var summary = await RtStructProcessor.ProcessAsync(rs, Directory.GetFiles(images, "CT*.dcm"), output, new RtStructOptions { WriteNifti = nifti == "1", WriteStl = stl == "1", SmoothingIterations = int.Parse(smooth) }, CancellationToken.None);
    Console.WriteLine($"{sw.Elapsed.TotalMilliseconds:0} ms, {summary.Rois.Count} ROIs");
    }
}
