from rdtool.cli.entry import main

main()
