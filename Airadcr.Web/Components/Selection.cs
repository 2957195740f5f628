namespace Airadcr.Web.Components;

/// <summary>Checkbox lists bound to a set of keys.</summary>
public static class Selection
{
    /// <summary>Adds <paramref name="key"/> when ticked, removes it when unticked.</summary>
    public static void Set(this ISet<string> chosen, string key, bool on)
    {
        if (on)
        {
            chosen.Add(key);
        }
        else
        {
            chosen.Remove(key);
        }
    }
}
