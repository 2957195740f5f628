namespace Airadcr.Fuzzing;

/// <summary>One entry point under fuzzing. An input the code rejects with one of its documented "bad input"
/// exceptions is a normal outcome; any other exception escapes and AFL++ records the input as a crash.</summary>
internal abstract class FuzzTarget
{
    /// <summary>The name used on the command line and as the corpus folder (corpus/NAME/).</summary>
    public abstract string Name { get; }

    public void Run(byte[] input)
    {
        try
        {
            Exercise(input);
        }
        catch (Exception e) when (IsRejection(e))
        {
            // The documented answer to malformed input.
        }
    }

    protected abstract void Exercise(byte[] input);

    /// <summary>The exception types the entry point documents for malformed input.</summary>
    protected abstract bool IsRejection(Exception e);
}
