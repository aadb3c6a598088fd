// The graders compile every solution (yours, the hidden reference, each mutant) as a single file together with
// this one and nothing else, so these five usings are the whole environment a Solution.cs can rely on.
// Keeping them here, rather than in each Solution.cs, means your IDE and the grader see exactly the same code.
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using TorchSharp;
global using static TorchSharp.torch;
