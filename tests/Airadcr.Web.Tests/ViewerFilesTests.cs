using Airadcr.Web.Viewer;

namespace Airadcr.Web.Tests;

public sealed class ViewerFilesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("airadcr-viewer-").FullName;

    public ViewerFilesTests()
    {
        File.WriteAllText(Path.Combine(root, "index.html"), "<html></html>");
        File.WriteAllText(Path.Combine(root, "app.bundle.js"), "");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(root)!, "outside-" + Path.GetFileName(root)), "secret");
    }

    [Fact]
    public void A_file_of_the_viewer_is_served_and_an_unknown_path_falls_back_to_the_page()
    {
        Assert.Equal(Path.Combine(root, "app.bundle.js"), ViewerApi.Resolve(root, "app.bundle.js"));
        Assert.Null(ViewerApi.Resolve(root, "viewer"));
        Assert.Null(ViewerApi.Resolve(root, null));
    }

    [Fact]
    public void A_path_leaving_the_viewer_folder_is_never_served()
    {
        Assert.Null(ViewerApi.Resolve(root, "../outside-" + Path.GetFileName(root)));
        Assert.Null(ViewerApi.Resolve(root, "/etc/passwd"));
    }

    [Fact]
    public void The_default_folder_is_the_one_eng_fetch_ohif_fills()
    {
        var path = new ViewerOptions().ResolvePath();
        Assert.EndsWith(Path.Combine("airadcr", "ohif-" + ViewerOptions.OhifVersion), path, StringComparison.Ordinal);
        Assert.Equal("/configured", new ViewerOptions { Path = "/configured" }.ResolvePath());
    }

    public void Dispose()
    {
        File.Delete(Path.Combine(Path.GetDirectoryName(root)!, "outside-" + Path.GetFileName(root)));
        Directory.Delete(root, recursive: true);
    }
}
