namespace VmssGrains.Client.Rendering;

/// <summary><c>simulate --progress</c>: when live progress is written to standard error.</summary>
public enum ProgressMode
{
    /// <summary>
    /// The default. On a terminal, lines redrawn in place and erased at the end. When the process's standard error is
    /// redirected (CI, a file), plain lines for a run longer than <see cref="PlainProgress.Grace"/> of wall time: one
    /// every <see cref="PlainProgress.Every"/>, and a last one when the scenario ends. Nothing to any other writer
    /// (a console run in-process with captured output).
    /// </summary>
    Auto,

    /// <summary>
    /// As <see cref="Auto"/> on a terminal; otherwise plain lines to whatever writer standard error is, and the last
    /// line even for a run shorter than <see cref="PlainProgress.Grace"/>.
    /// </summary>
    Always,

    /// <summary>No progress at all.</summary>
    Never,
}
