from rdtool.cli.main import main

main()
